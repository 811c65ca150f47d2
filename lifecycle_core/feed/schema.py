"""Field names, JSON types and enums of each source's records (what well-formed lines satisfy)."""

from __future__ import annotations

NoneType = type(None)

# field -> accepted Python types after json.loads
SOURCE_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "members": {
        "member_id": (str,),
        "first_name": (str,),
        "last_name": (str,),
        "date_of_birth": (str,),
        "sex": (str,),
        "ssn": (str,),
        "phone": (str,),
        "email": (str,),
        "street": (str,),
        "city": (str,),
        "state": (str,),
        "zip": (str,),
        "plan_id": (str,),
        "coverage_start": (str,),
        "updated_at": (str,),
    },
    "claims": {
        "claim_id": (str,),
        "member_id": (str,),
        "plan_id": (str,),
        "provider_npi": (str,),
        "service_date": (str,),
        "received_date": (str,),
        "cpt_code": (str,),
        "icd10_code": (str,),
        "billed_amount": (float,),
        "allowed_amount": (float,),
        "paid_amount": (float,),
        "member_responsibility": (float,),
        "status": (str,),
        "denial_reason": (str, NoneType),
        "submitted_at": (str,),
    },
    "conversations": {
        "conversation_id": (str,),
        "member_id": (str,),
        "channel": (str,),
        "topic": (str,),
        "started_at": (str,),
        "resolved": (bool,),
        "csat": (int, NoneType),
        "agent_id": (str,),
        "messages": (list,),
    },
    "providers": {
        "npi": (str,),
        "provider_name": (str,),
        "specialty": (str,),
        "street": (str,),
        "city": (str,),
        "state": (str,),
        "zip": (str,),
        "phone": (str,),
        "accepting_new_patients": (bool,),
        "network_plan_ids": (list,),
        "updated_at": (str,),
    },
}
TOPICS = ("benefits", "claim_status", "find_provider", "prior_auth", "pharmacy", "billing")
