"""A tiny OpenAI-compatible chat endpoint on loopback, for tests: streams like the real API.

It answers by task (recognised from the system prompt): an answer quotes the
first passage it was given and cites it, a plan lists two steps, a panel
contribution is JSON. Every request is kept; `slow_when` makes matching
requests wait (to stop a server in the middle of a run)."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROMPT_TOKENS, COMPLETION_TOKENS = 120, 30
_PASSAGE = re.compile(r"^\[(\d+)\] \((.*?)\) (.+?)(?:\.|$)", re.M)


def reply(messages: list[dict]) -> str:
    system, user = messages[0]["content"], messages[-1]["content"]
    if "research steps" in system:
        return "1. Find the rule that applies\n2. Check the deadlines in the sources"
    passage = _PASSAGE.search(user)
    if "expert panel" in system:
        argument = f"{passage.group(3)} [{passage.group(1)}]." if passage else "No evidence."
        return json.dumps({"argument": argument, "position": "support", "confidence": 0.8})
    if passage is None:
        return "The passages do not answer this question."
    return f"According to {passage.group(2)}, {passage.group(3)[0].lower()}{passage.group(3)[1:]} [{passage.group(1)}]."


class FakeOpenAI:
    def __init__(self):
        self.requests: list[dict] = []
        self.slow_when: str | None = None
        self.slow_seconds = 30.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body,
                                       "authorization": self.headers.get("Authorization")})
                if outer.slow_when and outer.slow_when in json.dumps(body["messages"]):
                    time.sleep(outer.slow_seconds)
                if self.path != "/v1/chat/completions":
                    self.send_error(404)
                    return
                text = reply(body["messages"])
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                base = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                        "model": body["model"]}
                for piece in re.findall(r"\S+\s*", text):
                    chunk = {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                done = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(done)}\n\n".encode())
                usage = {**base, "choices": [], "usage": {"prompt_tokens": PROMPT_TOKENS,
                                                          "completion_tokens": COMPLETION_TOKENS,
                                                          "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS}}
                self.wfile.write(f"data: {json.dumps(usage)}\n\ndata: [DONE]\n\n".encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
