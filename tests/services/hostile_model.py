"""A hostile OpenAI-compatible chat endpoint on loopback: every way a real model server misbehaves, on demand.

The behaviour of a request is named by a marker anywhere in its messages, `{{behave:NAME}}`
(a question can carry it through the API), else by `server.behaviour` (the control for calls
the test cannot word, such as a panel's). Streaming (`"stream": true`, what VITAL sends) and not.

NAME:
- good: one sentence quoted from the first passage, citing it, usage reported;
- invented_citation: that sentence plus one citing a passage that was never given ([n+5]);
- only_invented / no_citations: every sentence cites a passage that does not exist / cites nothing;
- prompt_echo: the prompt sent back, sections and all; template_markup: the answer wrapped in the chat
  template's control tokens, then a new user turn;
- empty: no text at all; length: a good sentence, then one cut mid-word by the token cap
  (finish_reason length);
- repetition: a good sentence, then one phrase forever (slowly: the client must hang up);
- drip: a long answer of words that never repeat, slowly (only a client hanging up stops it);
  `cancelled` counts the streams whose client hung up;
- midway: some text, then the connection dropped mid-chunk; slow: nothing for `slow_seconds`;
- status_400, status_429, status_500: an error answer; garbage: an event stream of non-JSON;
  html: a 200 page of HTML; wrong_shape: JSON without choices;
- scripted: `server.script`, streamed as it is (property-based tests).
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_MARK = re.compile(r"\{\{behave:([a-z_0-9]+)\}\}")
_PASSAGE = re.compile(r"^\[(\d+)\] \((.*?)\) (.+?)(?:\.|$)", re.M)
PROMPT_TOKENS, COMPLETION_TOKENS = 150, 40
_VOCABULARY = ("notice", "breach", "entity", "record", "review", "report", "delay", "media", "state", "agency")
BEHAVIOURS = ("good", "invented_citation", "only_invented", "no_citations", "prompt_echo", "template_markup",
              "empty", "length", "repetition", "midway", "slow", "status_400", "status_429", "status_500",
              "garbage", "html", "wrong_shape")


def _good(messages: list[dict]) -> tuple[str, int]:
    """A supported sentence (the first passage, quoted and cited), and how many passages were given."""
    user = messages[-1]["content"]
    passages = _PASSAGE.findall(user)
    if not passages:
        return "The passages do not answer this question.", 0
    ref, title, text = passages[0]
    return f"According to {title}, {text[0].lower()}{text[1:]} [{ref}].", len(passages)


def text_for(behaviour: str, messages: list[dict]) -> str:
    system = messages[0]["content"]
    good, given = _good(messages)
    invented = given + 5
    if "expert panel" in system:  # a panel member's turn: JSON, argued as the behaviour says
        argument = {"good": good, "invented_citation": f"{good} Regulators also demand a 12 day notice for "
                    f"every incident [{invented}].", "only_invented": f"Regulators demand a 12 day notice "
                    f"for every incident [{invented}].", "no_citations": "I believe this is a sound plan overall "
                    "for the whole organisation."}.get(behaviour, good)
        if behaviour in ("prompt_echo", "template_markup"):
            return messages[-1]["content"]
        return json.dumps({"argument": argument, "position": "support", "confidence": 0.9})
    if "research steps" in system and behaviour == "good":
        return "1. Find the rule that applies\n2. Check the deadlines in the sources"
    return {
        "good": good,
        "invented_citation": f"{good} Regulators also demand a 12 day notice for every incident [{invented}].",
        "only_invented": f"Regulators demand a 12 day notice for every incident [{invented}]. Fines reach ten "
                         f"million euros for each late report [{invented + 1}].",
        "no_citations": "Notification deadlines depend on many factors. Organisations should consult their "
                        "lawyers about every incident quickly.",
        "prompt_echo": "\n".join(m["content"] for m in messages),
        "template_markup": f"<start_of_turn>model\n{good}<end_of_turn>\n<start_of_turn>user\n"
                           f"Question: {messages[-1]['content'][-200:]}",
        "empty": "",
        "length": f"{good} The second requirement of the regulation concerns the content of the notifica",
        "repetition": f"{good} " + "and the covered entity must notify the individuals affected " * 400,
        "drip": f"{good} " + " ".join(f"{random.Random(i).choice(_VOCABULARY)}{i}" for i in range(3000)),
        "midway": f"{good} The notice must also describe what happened, what was disclosed, what the individuals "
                  f"should do and what the entity is doing about it.",
    }.get(behaviour, good)


class HostileModel:
    def __init__(self):
        self.behaviour = "good"
        self.script = ""  # the completion of the `scripted` behaviour
        self.slow_seconds = 5.0
        self.requests: list[dict] = []
        self.cancelled = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                found = _MARK.findall(json.dumps(body.get("messages")))  # the latest question's, not history's
                behaviour = found[-1] if found else outer.behaviour
                outer.requests.append({"body": body, "behaviour": behaviour})
                try:
                    outer.answer(self, body, behaviour)
                except (BrokenPipeError, ConnectionResetError):
                    outer.cancelled += 1

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that hangs up on a kept-alive connection is what this server is for

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- answers -----------------------------------------------------------------
    def answer(self, h: BaseHTTPRequestHandler, body: dict, behaviour: str) -> None:
        if behaviour.startswith("status_"):
            code = int(behaviour.split("_")[1])
            return self._send(h, code, "application/json",
                              json.dumps({"error": {"message": f"upstream says {code}", "type": "server_error"}}))
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
        if behaviour == "html":
            return self._send(h, 200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")
        if behaviour == "wrong_shape":
            return self._send(h, 200, "text/event-stream", 'data: {"unexpected": [1, 2]}\n\ndata: [DONE]\n\n')
        if behaviour == "garbage":
            return self._send(h, 200, "text/event-stream", "data: {this is not json\n\ndata: ]]]\n\n")
        text = self.script if behaviour == "scripted" else text_for(behaviour, body["messages"])
        finish = "length" if behaviour == "length" else "stop"
        if not body.get("stream"):
            completion = {"id": "c", "object": "chat.completion", "created": 0, "model": body["model"],
                          "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                       "finish_reason": finish}],
                          "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                                    "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS}}
            return self._send(h, 200, "application/json", json.dumps(completion))
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        base = {"id": "chatcmpl-hostile", "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
        for i, piece in enumerate(re.findall(r"\S+\s*", text)):
            if behaviour == "midway" and i == 12:
                h.wfile.write(b"40\r\ndata: {\"id\"")  # a chunk that promises more, then the line goes dead
                h.wfile.flush()
                h.connection.shutdown(2)
                return
            chunk = {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            self._chunk(h, f"data: {json.dumps(chunk)}\n\n")
            if behaviour in ("repetition", "drip") and i > 20:
                time.sleep(0.01)  # a model still generating: the client has time to hang up
        if behaviour == "midway":
            h.connection.shutdown(2)
            return
        done = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}
        usage = {**base, "choices": [], "usage": {"prompt_tokens": PROMPT_TOKENS, "completion_tokens": COMPLETION_TOKENS,
                                                  "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS}}
        self._chunk(h, f"data: {json.dumps(done)}\n\ndata: {json.dumps(usage)}\n\ndata: [DONE]\n\n")
        self._chunk(h, "")

    @staticmethod
    def _chunk(h: BaseHTTPRequestHandler, text: str) -> None:
        data = text.encode()
        h.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        h.wfile.flush()

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, kind: str, text: str) -> None:
        data = text.encode()
        h.send_response(status)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    # -- lifecycle -----------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "HostileModel":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
