"""Starts moto's server in this Python process, after applying Crossfade's in-memory patches.

Run by dev.crossfade.emulator.MotoServer as: python3 moto_launcher.py -H 127.0.0.1 -p PORT
Each patch is listed in docs/emulation.md with how it differs from AWS.
"""
import json
import os
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request

from moto.server import main


# --- Lambda bridge -------------------------------------------------------------------------------
# moto's Lambda cannot run Java without Docker. When CROSSFADE_LAMBDA_BRIDGE is set, Invoke of a
# function that exists in moto is forwarded to the JVM (dev.crossfade.emulator.LambdaBridge), so
# Step Functions tasks run the project's real handlers.

def _bridge_error(response_headers, error_type, message):
    # AWS reports a function's own failure with HTTP 200 and this header; the SFN interpreter turns
    # the payload's errorType into the state's error name.
    response_headers["x-amz-function-error"] = "Unhandled"
    return json.dumps({"errorType": error_type, "errorMessage": message}).encode("utf-8")


def _forward_to_bridge(bridge, fn, body, response_headers):
    url = bridge.rstrip("/") + "/invoke/" + urllib.parse.quote(fn.function_name, safe="")
    data = body if isinstance(body, bytes) else (body or "{}").encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=float(fn.timeout)) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            parsed = json.loads(payload)
            return _bridge_error(response_headers, parsed["errorType"], parsed.get("errorMessage", ""))
        except (ValueError, KeyError, TypeError):
            return _bridge_error(response_headers, "Bridge.InvalidErrorResponse",
                                 f"bridge answered HTTP {error.code} for {fn.function_name}: {payload[:500]!r}")
    except (socket.timeout, TimeoutError):
        return _bridge_error(response_headers, "Sandbox.Timedout",
                             f"Task timed out after {float(fn.timeout):.2f} seconds")
    except urllib.error.URLError as error:
        if isinstance(error.reason, (socket.timeout, TimeoutError)):
            return _bridge_error(response_headers, "Sandbox.Timedout",
                                 f"Task timed out after {float(fn.timeout):.2f} seconds")
        return _bridge_error(response_headers, "Bridge.Unreachable",
                             f"Lambda bridge {bridge} unreachable for {fn.function_name}: {error.reason}")


def patch_lambda_bridge():
    from moto.awslambda.models import LambdaBackend

    original_invoke = LambdaBackend.invoke

    def invoke(self, function_name, qualifier, body, headers, response_headers):
        bridge = os.environ.get("CROSSFADE_LAMBDA_BRIDGE")
        if not bridge:
            return original_invoke(self, function_name, qualifier, body, headers, response_headers)
        # Resolves a name, a partial or a full ARN, and fails like AWS for an unknown function.
        fn = self.get_function(function_name, qualifier)
        payload = _forward_to_bridge(bridge, fn, body, response_headers)
        response_headers["Content-Length"] = str(len(payload))
        return payload

    LambdaBackend.invoke = invoke


# --- Step Functions ------------------------------------------------------------------------------

class _DeepcopyWithoutExecutions:
    """Backport of getmoto/moto#10093 (fixes #10077), extended: start_execution snapshots the state
    machine with copy.deepcopy, which walks the live threads and locks of earlier executions and
    fails with "cannot pickle '_thread.RLock'". Upstream pre-seeds the memo so the clone gets an
    empty executions list; that alone still fails once any *other* state machine has run, because
    the state machine also references its backend (and through it every execution), so the clone
    shares the backend instead of copying it. The original object is left untouched."""

    @staticmethod
    def deepcopy(value, memo=None):
        import copy
        memo = {} if memo is None else memo
        executions = getattr(value, "executions", None)
        if isinstance(executions, list):
            memo.setdefault(id(executions), [])
        backend = getattr(value, "backend", None)
        if backend is not None:
            memo.setdefault(id(backend), backend)
        return copy.deepcopy(value, memo)


def _name_unnamed_executions(start_execution):
    # AWS names an execution started without a name with a UUID; moto would name it "None", so a
    # second unnamed start collided with ExecutionAlreadyExists.
    def wrapper(self, state_machine_arn, name=None, *args, **kwargs):
        import uuid
        return start_execution(self, state_machine_arn, name or str(uuid.uuid4()), *args, **kwargs)
    return wrapper


def patch_stepfunctions():
    import moto.stepfunctions.parser.models as parser_models
    from moto.stepfunctions.models import StepFunctionBackend

    parser_models.copy = _DeepcopyWithoutExecutions
    for backend in (StepFunctionBackend, parser_models.StepFunctionsParserBackend):
        backend.start_execution = _name_unnamed_executions(backend.start_execution)


def apply_patches():
    patch_lambda_bridge()
    patch_stepfunctions()


if __name__ == "__main__":
    apply_patches()
    sys.exit(main(sys.argv[1:]))
