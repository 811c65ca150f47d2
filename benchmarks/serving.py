"""The gateway's added latency: the same streamed requests through the gateway and straight to the upstream.

    python benchmarks/serving.py                      # 200 concurrent streams, 10 rounds of each arm
    python benchmarks/serving.py --concurrency 50 --rounds 3

The upstream is a minimal OpenAI-style server that answers at once (tests/openai_upstream.py), so
what is measured is the gateway, not a model. Upstream and gateway each run in their own process
(uvicorn, one worker); the client sends `concurrency` streaming chat completions at once, waits for
all, and repeats, alternating the arms round by round so both see the same machine. A request's
latency is from sending it to the last byte of its stream. Added latency = the gateway arm's
percentile less the direct arm's. Results go to benchmarks/results/serving_gateway.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lifecycle_core.serving.gateway.config import GatewayConfig
from lifecycle_core.serving.gateway.keys import KeyStore
from tests.openai_upstream import free_port

UPSTREAM = """
import uvicorn, sys
from tests.openai_upstream import upstream_app
uvicorn.run(upstream_app(), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", backlog=4096)
"""


def start(command: list[str], env: dict, url: str) -> subprocess.Popen:
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=1)
            return process
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{command} did not start") from None
            time.sleep(0.1)


async def one(client: httpx.AsyncClient, url: str, headers: dict, model: str) -> float:
    body = {"model": model, "messages": [{"role": "user", "content": "What is my deductible this year?"}],
            "stream": True, "max_tokens": 32}  # fmt: skip
    started = time.perf_counter()
    async with client.stream("POST", url, json=body, headers=headers) as response:
        response.raise_for_status()
        async for _ in response.aiter_bytes():
            pass
    return time.perf_counter() - started


async def round_of(client, url, headers, model, concurrency) -> list[float]:
    return list(await asyncio.gather(*(one(client, url, headers, model) for _ in range(concurrency))))


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[round(q * 1000) - 1]


async def measure(upstream: str, gateway: str, key: str, concurrency: int, rounds: int) -> dict:
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency * 2)
    arms = {"direct": ([], f"{upstream}/v1/chat/completions", {}, "base"),
            "gateway": ([], f"{gateway}/v1/chat/completions", {"authorization": f"Bearer {key}"}, "member-chatbot")}  # fmt: skip
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        for name, (_, url, headers, model) in arms.items():  # warm up connections and code paths
            await round_of(client, url, headers, model, concurrency)
        for _ in range(rounds):
            for name, (latencies, url, headers, model) in arms.items():
                latencies += await round_of(client, url, headers, model, concurrency)
    result = {}
    for name, (latencies, *_) in arms.items():
        result[name] = {"requests": len(latencies), **{f"p{q}_ms": round(percentile(latencies, q / 100) * 1000, 3)
                                                     for q in (50, 90, 99)}}  # fmt: skip
    result["added"] = {f"p{q}_ms": round(result["gateway"][f"p{q}_ms"] - result["direct"][f"p{q}_ms"], 3)
                       for q in (50, 90, 99)}  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "serving_gateway.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-gateway-") as tmp:
        up_port, gw_port = free_port(), free_port()
        upstream, gateway = f"http://127.0.0.1:{up_port}", f"http://127.0.0.1:{gw_port}"
        config = GatewayConfig(engine_url=upstream, keys_db=f"{tmp}/keys.db", log_dir=f"{tmp}/log",
                               rate_limit_per_minute=0)  # fmt: skip
        key = KeyStore(config.keys_db).create("mk_benchmark").key
        env = {**os.environ, **config.to_env(), "PYTHONPATH": str(ROOT)}
        processes = [start([sys.executable, "-c", UPSTREAM, str(up_port)], env, f"{upstream}/v1/models")]
        try:
            processes.append(start([sys.executable, "-m", "uvicorn", "--factory",
                                    "lifecycle_core.serving.gateway.app:create_app", "--host", "127.0.0.1",
                                    "--port", str(gw_port), "--log-level", "warning", "--backlog", "4096"],
                                   env, f"{gateway}/healthz"))  # fmt: skip
            result = asyncio.run(measure(upstream, gateway, key, args.concurrency, args.rounds))
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=30)
    report = {
        "benchmark": "gateway added latency, streamed chat completions",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "concurrency": args.concurrency,
        "rounds": args.rounds,
        **result,
        "target": {"added_p50_ms": 1.0, "added_p99_ms": 5.0},
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
