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


# --- The moto these patches are written for ----------------------------------------------------------
# moto is pinned in requirements.txt (copied next to this file by MotoServer). Before anything is
# patched, the installed version and every replaced function's parameters are checked, so that a
# different moto fails loudly here instead of silently running an unpatched or half-patched server.

_PINNED_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")

# (module, class, attribute, expected): a list of parameter names, "property" (a property on the
# class), or "absent" (moto lacks it and the patch adds it: if moto grows one, review the patch).
_PATCHED = [
    ("moto.awslambda.models", "LambdaBackend", "invoke",
     ["self", "function_name", "qualifier", "body", "headers", "response_headers"]),
    ("moto.stepfunctions.models", "StepFunctionBackend", "start_execution",
     ["self", "state_machine_arn", "name", "execution_input"]),
    ("moto.stepfunctions.parser.models", "StepFunctionsParserBackend", "start_execution",
     ["self", "state_machine_arn", "name", "execution_input", "trace_header"]),
    ("moto.stepfunctions.responses", "StepFunctionResponse", "send_task_failure", ["self"]),
    ("moto.rds.models", "RDSBackend", "promote_read_replica", ["self", "db_kwargs"]),
    ("moto.rds.models", "RDSBackend", "create_global_cluster",
     ["self", "global_cluster_identifier", "source_db_cluster_identifier", "engine", "engine_version",
      "storage_encrypted", "deletion_protection"]),
    ("moto.rds.models", "RDSBackend", "create_db_instance", ["self", "db_kwargs"]),
    ("moto.rds.models", "RDSBackend", "create_db_instance_read_replica", ["self", "db_kwargs"]),
    ("moto.rds.models", "RDSBackend", "modify_db_parameter_group",
     ["self", "db_parameter_group_name", "db_parameter_group_parameters"]),
    ("moto.rds.models", "RDSBackend", "delete_db_instance",
     ["self", "db_instance_identifier", "final_db_snapshot_identifier", "skip_final_snapshot",
      "delete_automated_backups"]),
    ("moto.rds.models", "RDSBackend", "create_db_cluster", ["self", "kwargs"]),
    ("moto.rds.models", "DBCluster", "status", "property"),
    ("moto.rds.models", "DBInstance", "status", "absent"),
    ("moto.rds.models", "GlobalCluster", "status", "absent"),
    ("moto.rds.responses", "RDSResponse", "switchover_global_cluster", "absent"),
    ("moto.rds.responses", "RDSResponse", "failover_global_cluster", "absent"),
    ("moto.route53.responses", "Route53", "create_health_check", ["self"]),
    ("moto.route53.responses", "Route53", "get_health_check_status", ["self"]),
    ("moto.route53.models", "HealthCheck", "health_check_config", "property"),
    ("moto.moto_server.werkzeug_app", "DomainDispatcherApplication", "__call__",
     ["self", "environ", "start_response"]),
]


def pinned_moto_version(path=_PINNED_FILE):
    with open(path, encoding="utf-8") as pinned:
        for line in pinned:
            line = line.split("#", 1)[0].strip()
            if line.startswith("moto") and "==" in line:
                return line.split("==", 1)[1].strip()
    raise ValueError(f"{path} pins no moto version (want a line like moto[server]==X.Y.Z)")


def moto_mismatches(installed_version, pinned_version):
    """What differs between the installed moto and the one the patches are written for, one line each."""
    import importlib
    import inspect
    problems = []
    if installed_version != pinned_version:
        problems.append(f"moto {installed_version} is installed, but the emulator's patches are written for moto "
                        f"{pinned_version}: python3 -m pip install -r {_PINNED_FILE}")
    for module_name, class_name, attribute, expected in _PATCHED:
        where = f"{module_name}.{class_name}.{attribute}"
        try:
            owner = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError) as error:
            problems.append(f"{module_name}.{class_name} is gone ({error}); the patch of {attribute} cannot apply")
            continue
        found = owner.__dict__.get(attribute) if attribute != "__call__" else getattr(owner, attribute, None)
        if expected == "absent":
            if found is not None:
                problems.append(f"{where} now exists in moto; the patch that adds it would replace it: review the patch")
        elif expected == "property":
            if not isinstance(found, property):
                problems.append(f"{where} is no longer a property (found {type(found).__name__})")
        elif found is None or not callable(found):
            problems.append(f"{where} is gone; the patch that replaces it cannot apply")
        else:
            names = list(inspect.signature(found).parameters)
            if names != expected:
                problems.append(f"{where} takes ({', '.join(names)}), the patch was written for ({', '.join(expected)})")
    import moto.stepfunctions.parser.models as parser_models
    import copy
    if getattr(parser_models, "copy", None) is not copy:
        problems.append("moto.stepfunctions.parser.models no longer imports the copy module; the deepcopy fix cannot apply")
    return problems


def check_moto():
    import moto
    problems = moto_mismatches(moto.__version__, pinned_moto_version())
    if problems:
        sys.stderr.write("crossfade: refusing to start moto:\n" + "".join(f"  - {p}\n" for p in problems))
        sys.exit(3)


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
    # The ARN tells the bridge the region, for functions deployed under one name in several regions.
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "X-Crossfade-Function-Arn": fn.function_arn})
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


def _send_task_failure_with_cause(self):
    # moto's handler read only taskToken and error and dropped the cause; the interpreter's backend
    # takes it, and AWS hands it to the waiting state's Catch as $.Cause.
    import inspect
    from moto.core.responses import EmptyResult
    kwargs = {"error": self._get_param("error")}
    if "cause" in inspect.signature(self.stepfunction_backend.send_task_failure).parameters:
        kwargs["cause"] = self._get_param("cause")
    self.stepfunction_backend.send_task_failure(self._get_param("taskToken"), **kwargs)
    return EmptyResult()


def patch_stepfunctions():
    import moto.stepfunctions.parser.models as parser_models
    from moto.stepfunctions.models import StepFunctionBackend
    from moto.stepfunctions.responses import StepFunctionResponse

    parser_models.copy = _DeepcopyWithoutExecutions
    for backend in (StepFunctionBackend, parser_models.StepFunctionsParserBackend):
        backend.start_execution = _name_unnamed_executions(backend.start_execution)
    StepFunctionResponse.send_task_failure = _send_task_failure_with_cause


# --- RDS -----------------------------------------------------------------------------------------

def _promote_fully(promote_read_replica):
    # moto only flips is_replica: the promoted instance kept naming its source, and the source kept
    # listing it. AWS detaches both sides. Also fail like AWS for an unknown or non-replica instance.
    def wrapper(self, db_kwargs):
        from moto.rds.exceptions import DBInstanceNotFoundError, InvalidDBInstanceStateFault
        identifier = db_kwargs["db_instance_identifier"]
        database = self.databases.get(identifier)
        if database is None:
            raise DBInstanceNotFoundError(identifier)
        if not database.is_replica:
            raise InvalidDBInstanceStateFault(f"DB Instance {identifier} is not a read replica.")
        source_id = database.source_db_instance_identifier
        promoted = promote_read_replica(self, db_kwargs)
        try:
            source = self.find_db_from_id(source_id) if source_id else None
        except Exception:  # the source may be gone (a regional outage is why one promotes)
            source = None
        if source is not None:
            for name in (promoted.db_instance_identifier, promoted.db_instance_arn):
                if name in source.replicas:
                    source.replicas.remove(name)
        promoted.source_db_instance_identifier = None
        return promoted
    return wrapper


def _global_cluster_and_target(backend, params):
    from moto.core.exceptions import ServiceException
    from moto.rds.exceptions import DBClusterNotFoundError, InvalidGlobalClusterStateFault

    class GlobalClusterNotFoundFault(ServiceException):
        code = "GlobalClusterNotFoundFault"

    global_id = params.get("GlobalClusterIdentifier")
    target_id = params.get("TargetDbClusterIdentifier")
    global_cluster = backend.global_clusters.get(global_id or "")
    if global_cluster is None:
        raise GlobalClusterNotFoundFault(f"Global cluster {global_id} not found.")
    target = next((m for m in global_cluster.members
                   if target_id in (m.db_cluster_arn, m.db_cluster_identifier)), None)
    if target is None:
        raise DBClusterNotFoundError(target_id, f"DBCluster {target_id} is not a member of global cluster {global_id}.")
    if target.is_writer:
        error = InvalidGlobalClusterStateFault(global_cluster.global_cluster_arn)
        error.message = f"DBCluster {target_id} is already the primary of global cluster {global_id}."
        raise error
    return global_cluster, target


def _make_writer(global_cluster, target):
    # Completes at once: AWS goes through status "switching-over"/"failing-over" and a FailoverState.
    for member in global_cluster.members:
        member.is_writer = member is target
    return global_cluster


def _source_becomes_writer(create_global_cluster):
    # moto left the source cluster of CreateGlobalCluster with IsWriter false; on AWS it is the
    # primary.
    def wrapper(self, *args, **kwargs):
        global_cluster = create_global_cluster(self, *args, **kwargs)
        if global_cluster.members and not any(m.is_writer for m in global_cluster.members):
            global_cluster.members[0].is_writer = True
        return global_cluster
    return wrapper


def patch_rds():
    from moto.core.responses import ActionResult
    from moto.rds.exceptions import InvalidParameterCombination
    from moto.rds.models import RDSBackend
    from moto.rds.responses import RDSResponse

    RDSBackend.promote_read_replica = _promote_fully(RDSBackend.promote_read_replica)
    RDSBackend.create_global_cluster = _source_becomes_writer(RDSBackend.create_global_cluster)

    def switchover_global_cluster(self):
        global_cluster, target = _global_cluster_and_target(self.global_backend, self.params)
        return ActionResult({"GlobalCluster": _make_writer(global_cluster, target)})

    def failover_global_cluster(self):
        if self.params.get("AllowDataLoss") and self.params.get("Switchover"):
            raise InvalidParameterCombination("AllowDataLoss can't be specified together with Switchover.")
        global_cluster, target = _global_cluster_and_target(self.global_backend, self.params)
        return ActionResult({"GlobalCluster": _make_writer(global_cluster, target)})

    RDSResponse.switchover_global_cluster = switchover_global_cluster
    RDSResponse.failover_global_cluster = failover_global_cluster


# --- RDS on real servers ---------------------------------------------------------------------------
# When CROSSFADE_DATABASE_BRIDGE is set, the RDS APIs act on real PostgreSQL servers run by the JVM
# (dev.crossfade.emulator.DatabaseBridge, dev.crossfade.local.lab.LabDatabases): each call that
# changes a database asks the bridge to do it to the region's server first, and moto records the
# change only when the server did it. A server that refuses fails the call, so moto never reports a
# role the server does not have.

_SERVER_ENGINES = ("postgres", "aurora-postgresql")


def _server(action, **params):
    bridge = os.environ.get("CROSSFADE_DATABASE_BRIDGE")
    if not bridge:
        return
    url = bridge.rstrip("/") + "/rds/" + action + "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    request = urllib.request.Request(url, data=b"", method="POST")
    from moto.rds.exceptions import InvalidDBInstanceStateFault
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
    except urllib.error.HTTPError as error:
        message = error.read().decode("utf-8", "replace")[:1000]
        if error.code == 409:
            raise InvalidDBInstanceStateFault(message)
        raise _internal_failure(f"database server {action} in {params.get('region')} failed: {message}")
    except (urllib.error.URLError, OSError) as error:
        raise _internal_failure(f"database bridge {bridge} unreachable for {action}: {error}")


def _internal_failure(message):
    from moto.core.exceptions import ServiceException

    class InternalFailure(ServiceException):
        code = "InternalFailure"

    error = InternalFailure(message)
    error.status_code = 500
    return error


def _region_of(identifier, default):
    # an ARN names its region (arn:aws:rds:REGION:ACCOUNT:db:NAME); a bare name is in the caller's region
    parts = (identifier or "").split(":")
    return parts[3] if len(parts) > 5 and parts[0] == "arn" else default


def _in_background(resource, busy, action, params, done=None, failed="failed"):
    """RDS answers at once and works on: the resource shows `busy` until the server is ready, then
    `available`; a server that could not be made leaves it `failed` (for a move: as it was)."""
    import threading
    import traceback
    resource.crossfade_busy = busy

    def run():
        try:
            _server(action, **params)
            if done is not None:
                done()
            resource.crossfade_busy = None
        except Exception:
            traceback.print_exc()
            resource.crossfade_busy = None if failed is None else failed
    threading.Thread(target=run, name=f"crossfade-rds-{action}", daemon=True).start()


def patch_rds_servers():
    from moto.rds.models import DBCluster, DBInstance, GlobalCluster, RDSBackend
    from moto.rds.responses import RDSResponse

    # a resource whose server is being built or moved shows that in its status
    for model in (DBInstance, DBCluster, GlobalCluster):
        _busy_status(model)

    create_instance = RDSBackend.create_db_instance
    create_replica = RDSBackend.create_db_instance_read_replica
    promote = RDSBackend.promote_read_replica
    modify_group = RDSBackend.modify_db_parameter_group
    delete_instance = RDSBackend.delete_db_instance
    create_cluster = RDSBackend.create_db_cluster
    switchover = RDSResponse.switchover_global_cluster
    failover = RDSResponse.failover_global_cluster

    def bridged():
        return bool(os.environ.get("CROSSFADE_DATABASE_BRIDGE"))

    def create_db_instance(self, db_kwargs):
        database = create_instance(self, db_kwargs)
        if bridged() and database.engine in _SERVER_ENGINES and not database.db_cluster_identifier:
            _in_background(database, "creating", "create-writer",
                           dict(region=self.region_name, instance=database.db_instance_identifier))
        return database

    def create_db_instance_read_replica(self, db_kwargs):
        source_id = db_kwargs["source_db_instance_identifier"]
        replica = create_replica(self, db_kwargs)
        if bridged() and replica.engine in _SERVER_ENGINES:
            _in_background(replica, "creating", "create-replica",
                           dict(region=self.region_name, instance=replica.db_instance_identifier,
                                source=_region_of(source_id, self.region_name)))
        return replica

    def promote_read_replica(self, db_kwargs):
        database = self.databases.get(db_kwargs["db_instance_identifier"])
        if database is not None and database.is_replica and database.engine in _SERVER_ENGINES:
            _server("promote", region=self.region_name, instance=database.db_instance_identifier)
        return promote(self, db_kwargs)

    def modify_db_parameter_group(self, name, parameters):
        parameters = list(parameters)
        if name in self.db_parameter_groups:
            for parameter in parameters:
                if parameter.get("ParameterName") != "default_transaction_read_only":
                    continue
                for database in list(self.databases.values()):
                    if database.db_parameter_group_name == name and database.engine in _SERVER_ENGINES:
                        _server("parameter", region=self.region_name, instance=database.db_instance_identifier,
                                name=parameter["ParameterName"], value=parameter.get("ParameterValue"))
        return modify_group(self, name, parameters)

    def delete_db_instance(self, db_instance_identifier, *args, **kwargs):
        database = self.databases.get(db_instance_identifier)
        deleted = delete_instance(self, db_instance_identifier, *args, **kwargs)
        if database is not None and database.engine in _SERVER_ENGINES:
            _server("delete", region=self.region_name, instance=db_instance_identifier)
        return deleted

    def create_db_cluster(self, kwargs):
        cluster = create_cluster(self, kwargs)
        if not bridged() or cluster.engine not in _SERVER_ENGINES:
            return cluster
        params = dict(region=self.region_name, cluster=cluster.db_cluster_identifier)
        if cluster.global_cluster_identifier and not cluster.is_writer:
            writer = next((m for m in _global_cluster(self, cluster.global_cluster_identifier) if m.is_writer), None)
            if writer is not None:
                params["source"] = _region_of(writer.db_cluster_arn, self.region_name)
        _in_background(cluster, "creating", "create-replica" if "source" in params else "create-writer", params)
        return cluster

    def move_writer(original, action, busy):
        def call(self):
            if not bridged() or (self.params.get("AllowDataLoss") and self.params.get("Switchover")):
                return original(self)
            from moto.core.responses import ActionResult
            global_cluster, target = _global_cluster_and_target(self.global_backend, self.params)
            if getattr(global_cluster, "crossfade_busy", None):
                from moto.rds.exceptions import InvalidGlobalClusterStateFault
                error = InvalidGlobalClusterStateFault(global_cluster.global_cluster_arn)
                error.message = f"Global cluster {global_cluster.global_cluster_identifier} is {global_cluster.crossfade_busy}."
                raise error
            old = next((m for m in global_cluster.members if m.is_writer), None)
            _in_background(global_cluster, busy, action,
                           dict(region=_region_of(target.db_cluster_arn, None), cluster=target.db_cluster_identifier,
                                writer=_region_of(old.db_cluster_arn, None) if old else None,
                                members=",".join(_region_of(m.db_cluster_arn, "") for m in global_cluster.members)),
                           done=lambda: _make_writer(global_cluster, target), failed=None)
            return ActionResult({"GlobalCluster": global_cluster})
        return call

    RDSBackend.create_db_instance = create_db_instance
    RDSBackend.create_db_instance_read_replica = create_db_instance_read_replica
    RDSBackend.promote_read_replica = promote_read_replica
    RDSBackend.modify_db_parameter_group = modify_db_parameter_group
    RDSBackend.delete_db_instance = delete_db_instance
    RDSBackend.create_db_cluster = create_db_cluster
    RDSResponse.switchover_global_cluster = move_writer(switchover, "switchover", "switching-over")
    RDSResponse.failover_global_cluster = move_writer(failover, "failover", "failing-over")


def _busy_status(model):
    original = model.__dict__.get("status")
    if isinstance(original, property):
        def get(self):
            return getattr(self, "crossfade_busy", None) or original.fget(self)
        model.status = property(get, original.fset)
        return
    # a plain attribute: keep the value under another name
    def get_plain(self):
        return getattr(self, "crossfade_busy", None) or self.__dict__.get("_crossfade_status", "available")

    def set_plain(self, value):
        self.__dict__["_crossfade_status"] = value
    model.status = property(get_plain, set_plain)


def _global_cluster(backend, identifier):
    from moto.rds.models import rds_backends
    for region in rds_backends[backend.account_id]:
        clusters = rds_backends[backend.account_id][region].global_clusters
        if identifier in clusters:
            return clusters[identifier].members
    return []


# --- Route 53 health checks ----------------------------------------------------------------------
# moto answered GetHealthCheckStatus with "Success" for every check. Here a check's status follows
# what a test controls: the linked CloudWatch alarm's state (CLOUDWATCH_METRIC), or a real probe of
# a loopback endpoint (HTTP/HTTPS/TCP on 127.0.0.0/8 or localhost). Other endpoints cannot be
# reached from here and are assumed healthy. Inverted and Disabled apply as on AWS.

_ENDPOINT_TYPES = ("HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP")


def _alarm_status(account_id, health_check):
    from moto.cloudwatch.models import cloudwatch_backends
    alarm_id = getattr(health_check, "alarm_identifier", None) or {}
    region, name = alarm_id.get("Region"), alarm_id.get("Name")
    alarm = cloudwatch_backends[account_id][region].alarms.get(name) if region and name else None
    if alarm is None:
        state = "INSUFFICIENT_DATA"
    else:
        state = alarm.state_value
    if state == "OK":
        return True, f"CloudWatch alarm {name} is in state OK"
    if state == "ALARM":
        return False, f"CloudWatch alarm {name} is in state ALARM"
    insufficient = getattr(health_check, "insufficient_data_health_status", None) or "LastKnownStatus"
    # LastKnownStatus: this emulation has no history before the first evaluation, so it counts as healthy.
    return insufficient != "Unhealthy", f"CloudWatch alarm {name} has insufficient data ({insufficient})"


def _is_loopback(host):
    import ipaddress
    if not host:
        return False
    if host.rstrip(".").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _probe(health_check):
    """(healthy, report) from a real request; an endpoint off this machine is assumed healthy."""
    import http.client
    import ssl
    host = health_check.ip_address or health_check.fqdn
    if not _is_loopback(host):
        return True, f"Success: {host} is not probed by the emulator and assumed healthy"
    check_type = health_check.type_
    port = int(health_check.port or (443 if check_type.startswith("HTTPS") else 80))
    try:
        if check_type == "TCP":
            socket.create_connection((host, port), timeout=2).close()
            return True, "Success: TCP connection established"
        if check_type.startswith("HTTPS"):
            connection = http.client.HTTPSConnection(host, port, timeout=2, context=ssl._create_unverified_context())
        else:
            connection = http.client.HTTPConnection(host, port, timeout=2)
        connection.request("GET", health_check.resource_path or "/",
                           headers={"Host": health_check.fqdn or host, "User-Agent": "Amazon-Route53-Health-Check-Service"})
        response = connection.getresponse()
        body = response.read(5120)
        connection.close()
        if not 200 <= response.status < 400:
            return False, f"Failure: HTTP Status Code {response.status}, {response.reason}"
        if check_type.endswith("STR_MATCH") and (health_check.search_string or "").encode() not in body:
            return False, "Failure: Search string not found in the response body"
        return True, f"Success: HTTP Status Code {response.status}, {response.reason}"
    except OSError as error:
        return False, f"Failure: {error}"


def _health_check_status(account_id, health_check):
    if health_check.disabled:
        return True, "Success: health check is disabled and considered healthy"
    if health_check.type_ == "CLOUDWATCH_METRIC":
        healthy, report = _alarm_status(account_id, health_check)
        report = ("Success: " if healthy else "Failure: ") + report
    elif health_check.type_ in _ENDPOINT_TYPES:
        healthy, report = _probe(health_check)
    else:
        return None
    if health_check.inverted:
        healthy = not healthy
        report = ("Success: " if healthy else "Failure: ") + "inverted; " + report
    return healthy, report


def patch_route53():
    from moto.core.responses import ActionResult
    from moto.core.utils import utcnow
    from moto.route53.exceptions import InvalidInput
    from moto.route53.models import HealthCheck
    from moto.route53.responses import Route53

    original_create = Route53.create_health_check
    original_status = Route53.get_health_check_status
    original_config = HealthCheck.health_check_config

    def create_health_check(self):
        result = original_create(self)
        config = self._get_param("HealthCheckConfig") or {}
        health_check = result.result["HealthCheck"]
        # moto dropped these two; GetHealthCheckStatus needs them and GetHealthCheck returns them.
        health_check.alarm_identifier = config.get("AlarmIdentifier")
        health_check.insufficient_data_health_status = config.get("InsufficientDataHealthStatus")
        return result

    def health_check_config(self):
        config = original_config.fget(self)
        if getattr(self, "alarm_identifier", None):
            config["AlarmIdentifier"] = self.alarm_identifier
        if getattr(self, "insufficient_data_health_status", None):
            config["InsufficientDataHealthStatus"] = self.insufficient_data_health_status
        return config

    def get_health_check_status(self):
        health_check = self.backend.get_health_check(self._get_param("HealthCheckId"))
        if health_check.type_ == "CALCULATED":
            raise InvalidInput("GetHealthCheckStatus does not support calculated health checks.")
        evaluated = _health_check_status(self.current_account, health_check)
        if evaluated is None:
            return original_status(self)
        _, report = evaluated
        observations = [
            {"Region": region, "IPAddress": "127.0.0.1",
             "StatusReport": {"Status": report, "CheckedTime": utcnow()}}
            for region in (health_check.regions or ["us-east-1", "eu-west-1", "ap-southeast-1"])
        ]
        return ActionResult({"HealthCheckObservations": observations})

    Route53.create_health_check = create_health_check
    Route53.get_health_check_status = get_health_check_status
    HealthCheck.health_check_config = property(health_check_config)


# --- Global Accelerator (absent from moto) ---------------------------------------------------------

def patch_global_accelerator():
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    import global_accelerator  # next to this file

    original_call = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        return global_accelerator.middleware(lambda e, s: original_call(self, e, s))(environ, start_response)

    DomainDispatcherApplication.__call__ = call


def apply_patches():
    patch_lambda_bridge()
    patch_stepfunctions()
    patch_rds()
    patch_rds_servers()
    patch_route53()
    patch_global_accelerator()


if __name__ == "__main__":
    check_moto()
    apply_patches()
    sys.exit(main(sys.argv[1:]))
