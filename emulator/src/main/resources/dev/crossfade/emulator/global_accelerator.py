"""An in-memory AWS Global Accelerator (moto has none) answering on moto's own port.

Requests carry X-Amz-Target: GlobalAccelerator_V20180706.<Operation> (JSON 1.1). Only the subset
the failover workflow needs is emulated; see docs/emulation.md for how it differs from AWS.
"""
import ipaddress
import json
import threading
import time
import uuid

TARGET_PREFIX = "GlobalAccelerator_V20180706."
ACCOUNT_ID = "123456789012"


class GaError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def _require(params, name):
    value = params.get(name)
    if value in (None, ""):
        raise GaError("InvalidArgumentException", f"{name} is required.")
    return value


def _check_range(name, value, low, high):
    if value is not None and not (isinstance(value, int) and low <= value <= high):
        raise GaError("InvalidArgumentException",
                      f"{name} must be a number from {low} to {high}, but was {value!r}.")


def _check_dial(value):
    # Fractions are allowed (the API type is a float), so this is not _check_range.
    if value is not None and not (isinstance(value, (int, float)) and 0 <= value <= 100):
        raise GaError("InvalidArgumentException",
                      f"TrafficDialPercentage must be from 0 to 100, but was {value!r}.")


class GlobalAcceleratorStandIn:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "_lock", threading.Lock()):
            self.accelerators = {}
            self.listeners = {}
            self.endpoint_groups = {}
            self.next_ip = 0

    # -- dispatch --------------------------------------------------------------------------------

    def handle(self, operation, body):
        """Returns (status, payload dict)."""
        handler = getattr(self, "_" + "".join("_" + c.lower() if c.isupper() else c for c in operation).lstrip("_"), None)
        if handler is None or operation not in OPERATIONS:
            return 400, {"__type": "UnknownOperationException",
                         "message": f"Operation {operation} is not emulated by Crossfade's Global Accelerator stand-in."}
        try:
            params = json.loads(body or b"{}")
            with self._lock:
                return 200, handler(params)
        except GaError as error:
            return 400, {"__type": error.error_type, "message": error.message}
        except (ValueError, TypeError) as error:
            return 400, {"__type": "InvalidArgumentException", "message": f"Malformed request: {error}"}

    # -- lookups ---------------------------------------------------------------------------------

    def _accelerator(self, arn):
        accelerator = self.accelerators.get(_require({"AcceleratorArn": arn}, "AcceleratorArn"))
        if accelerator is None:
            raise GaError("AcceleratorNotFoundException", f"Accelerator {arn} not found.")
        return accelerator

    def _listener(self, arn):
        listener = self.listeners.get(_require({"ListenerArn": arn}, "ListenerArn"))
        if listener is None:
            raise GaError("ListenerNotFoundException", f"Listener {arn} not found.")
        return listener

    def _endpoint_group(self, arn):
        group = self.endpoint_groups.get(_require({"EndpointGroupArn": arn}, "EndpointGroupArn"))
        if group is None:
            raise GaError("EndpointGroupNotFoundException", f"Endpoint group {arn} not found.")
        return group

    def _touch(self, accelerator_arn):
        self.accelerators[accelerator_arn]["LastModifiedTime"] = time.time()

    @staticmethod
    def _page(items, params, key):
        max_results = params.get("MaxResults") or 100
        _check_range("MaxResults", max_results, 1, 100)
        start = int(params.get("NextToken") or 0)
        page = {key: items[start:start + max_results]}
        if start + max_results < len(items):
            page["NextToken"] = str(start + max_results)
        return page

    # -- accelerators ----------------------------------------------------------------------------

    def _create_accelerator(self, params):
        name = _require(params, "Name")
        _require(params, "IdempotencyToken")
        for accelerator in self.accelerators.values():
            if accelerator["_token"] == params["IdempotencyToken"]:
                return {"Accelerator": _public(accelerator)}
        arn = f"arn:aws:globalaccelerator::{ACCOUNT_ID}:accelerator/{uuid.uuid4()}"
        # Two static anycast addresses from the documentation range, distinct per accelerator.
        ips = [str(ipaddress.ip_address("192.0.2.0") + (self.next_ip + i) % 256) for i in (0, 1)]
        self.next_ip += 2
        now = time.time()
        self.accelerators[arn] = {
            "AcceleratorArn": arn, "Name": name, "IpAddressType": params.get("IpAddressType", "IPV4"),
            "Enabled": params.get("Enabled", True),
            "IpSets": [{"IpFamily": "IPv4", "IpAddresses": ips, "IpAddressFamily": "IPv4"}],
            "DnsName": f"a{uuid.uuid4().hex[:16]}.awsglobalaccelerator.com",
            "Status": "DEPLOYED", "CreatedTime": now, "LastModifiedTime": now,
            "_token": params["IdempotencyToken"],
            "_attributes": {"FlowLogsEnabled": False},
        }
        return {"Accelerator": _public(self.accelerators[arn])}

    def _describe_accelerator(self, params):
        return {"Accelerator": _public(self._accelerator(params.get("AcceleratorArn")))}

    def _list_accelerators(self, params):
        return self._page([_public(a) for a in self.accelerators.values()], params, "Accelerators")

    def _update_accelerator(self, params):
        accelerator = self._accelerator(params.get("AcceleratorArn"))
        for key in ("Name", "Enabled", "IpAddressType"):
            if key in params:
                accelerator[key] = params[key]
        self._touch(accelerator["AcceleratorArn"])
        return {"Accelerator": _public(accelerator)}

    def _delete_accelerator(self, params):
        accelerator = self._accelerator(params.get("AcceleratorArn"))
        if accelerator["Enabled"]:
            raise GaError("AcceleratorNotDisabledException",
                          f"Accelerator {accelerator['AcceleratorArn']} must be disabled before it is deleted.")
        if any(l["_accelerator"] == accelerator["AcceleratorArn"] for l in self.listeners.values()):
            raise GaError("AssociatedListenerFoundException",
                          f"Accelerator {accelerator['AcceleratorArn']} still has listeners.")
        del self.accelerators[accelerator["AcceleratorArn"]]
        return {}

    def _describe_accelerator_attributes(self, params):
        accelerator = self._accelerator(params.get("AcceleratorArn"))
        return {"AcceleratorAttributes": dict(accelerator["_attributes"])}

    def _update_accelerator_attributes(self, params):
        accelerator = self._accelerator(params.get("AcceleratorArn"))
        attributes = dict(accelerator["_attributes"])
        for key in ("FlowLogsEnabled", "FlowLogsS3Bucket", "FlowLogsS3Prefix"):
            if key in params:
                attributes[key] = params[key]
        if attributes.get("FlowLogsEnabled") and not attributes.get("FlowLogsS3Bucket"):
            raise GaError("InvalidArgumentException", "FlowLogsS3Bucket is required when FlowLogsEnabled is true.")
        accelerator["_attributes"] = attributes
        self._touch(accelerator["AcceleratorArn"])
        return {"AcceleratorAttributes": dict(attributes)}

    # -- listeners -------------------------------------------------------------------------------

    def _create_listener(self, params):
        accelerator = self._accelerator(params.get("AcceleratorArn"))
        port_ranges = _require(params, "PortRanges")
        for port_range in port_ranges:
            _check_range("FromPort", port_range.get("FromPort"), 1, 65535)
            _check_range("ToPort", port_range.get("ToPort"), 1, 65535)
        protocol = _require(params, "Protocol")
        if protocol not in ("TCP", "UDP"):
            raise GaError("InvalidArgumentException", f"Protocol must be TCP or UDP, but was {protocol!r}.")
        arn = f"{accelerator['AcceleratorArn']}/listener/{uuid.uuid4().hex[:8]}"
        self.listeners[arn] = {
            "ListenerArn": arn, "PortRanges": port_ranges, "Protocol": protocol,
            "ClientAffinity": params.get("ClientAffinity", "NONE"), "_accelerator": accelerator["AcceleratorArn"],
        }
        self._touch(accelerator["AcceleratorArn"])
        return {"Listener": _public(self.listeners[arn])}

    def _describe_listener(self, params):
        return {"Listener": _public(self._listener(params.get("ListenerArn")))}

    def _list_listeners(self, params):
        accelerator = self._accelerator(params.get("AcceleratorArn"))
        listeners = [_public(l) for l in self.listeners.values() if l["_accelerator"] == accelerator["AcceleratorArn"]]
        return self._page(listeners, params, "Listeners")

    def _delete_listener(self, params):
        listener = self._listener(params.get("ListenerArn"))
        if any(g["_listener"] == listener["ListenerArn"] for g in self.endpoint_groups.values()):
            raise GaError("AssociatedEndpointGroupFoundException",
                          f"Listener {listener['ListenerArn']} still has endpoint groups.")
        del self.listeners[listener["ListenerArn"]]
        return {}

    # -- endpoint groups -------------------------------------------------------------------------

    def _create_endpoint_group(self, params):
        listener = self._listener(params.get("ListenerArn"))
        region = _require(params, "EndpointGroupRegion")
        _require(params, "IdempotencyToken")
        for group in self.endpoint_groups.values():
            if group["_listener"] == listener["ListenerArn"] and group["EndpointGroupRegion"] == region:
                raise GaError("EndpointGroupAlreadyExistsException",
                              f"Listener {listener['ListenerArn']} already has an endpoint group in {region}.")
        arn = f"{listener['ListenerArn']}/endpoint-group/{uuid.uuid4().hex[:12]}"
        group = {
            "EndpointGroupArn": arn, "EndpointGroupRegion": region, "EndpointDescriptions": [],
            "TrafficDialPercentage": 100.0, "HealthCheckPort": listener["PortRanges"][0]["FromPort"],
            "HealthCheckProtocol": "TCP", "HealthCheckIntervalSeconds": 30, "ThresholdCount": 3,
            "PortOverrides": [], "_listener": listener["ListenerArn"],
        }
        self._apply_group_settings(group, params)
        self.endpoint_groups[arn] = group
        self._touch(listener["_accelerator"])
        return {"EndpointGroup": _public(group)}

    def _describe_endpoint_group(self, params):
        return {"EndpointGroup": _public(self._endpoint_group(params.get("EndpointGroupArn")))}

    def _list_endpoint_groups(self, params):
        listener = self._listener(params.get("ListenerArn"))
        groups = [_public(g) for g in self.endpoint_groups.values() if g["_listener"] == listener["ListenerArn"]]
        return self._page(groups, params, "EndpointGroups")

    def _update_endpoint_group(self, params):
        group = self._endpoint_group(params.get("EndpointGroupArn"))
        self._apply_group_settings(group, params)
        self._touch(self.listeners[group["_listener"]]["_accelerator"])
        return {"EndpointGroup": _public(group)}

    def _delete_endpoint_group(self, params):
        group = self._endpoint_group(params.get("EndpointGroupArn"))
        del self.endpoint_groups[group["EndpointGroupArn"]]
        return {}

    @staticmethod
    def _apply_group_settings(group, params):
        # Validate everything before changing anything, so a rejected update leaves the group as it was.
        _check_dial(params.get("TrafficDialPercentage"))
        _check_range("ThresholdCount", params.get("ThresholdCount"), 1, 10)
        _check_range("HealthCheckPort", params.get("HealthCheckPort"), 1, 65535)
        interval = params.get("HealthCheckIntervalSeconds")
        if interval is not None and interval not in (10, 30):
            raise GaError("InvalidArgumentException", f"HealthCheckIntervalSeconds must be 10 or 30, but was {interval!r}.")
        protocol = params.get("HealthCheckProtocol")
        if protocol is not None and protocol not in ("TCP", "HTTP", "HTTPS"):
            raise GaError("InvalidArgumentException", f"HealthCheckProtocol must be TCP, HTTP or HTTPS, but was {protocol!r}.")
        configurations = params.get("EndpointConfigurations")
        if configurations is not None:
            for configuration in configurations:
                _require(configuration, "EndpointId")
                _check_range("Weight", configuration.get("Weight"), 0, 255)
        for key in ("TrafficDialPercentage", "HealthCheckPort", "HealthCheckProtocol", "HealthCheckPath",
                    "HealthCheckIntervalSeconds", "ThresholdCount", "PortOverrides"):
            if params.get(key) is not None:
                group[key] = float(params[key]) if key == "TrafficDialPercentage" else params[key]
        if configurations is not None:
            # As on AWS, the list replaces every endpoint of the group.
            group["EndpointDescriptions"] = [{
                "EndpointId": c["EndpointId"], "Weight": c.get("Weight", 128),
                "ClientIPPreservationEnabled": c.get("ClientIPPreservationEnabled", False),
                "HealthState": "HEALTHY",
            } for c in configurations]


OPERATIONS = {
    "CreateAccelerator", "DescribeAccelerator", "ListAccelerators", "UpdateAccelerator", "DeleteAccelerator",
    "DescribeAcceleratorAttributes", "UpdateAcceleratorAttributes",
    "CreateListener", "DescribeListener", "ListListeners", "DeleteListener",
    "CreateEndpointGroup", "DescribeEndpointGroup", "ListEndpointGroups", "UpdateEndpointGroup", "DeleteEndpointGroup",
}


def _public(item):
    return json.loads(json.dumps({k: v for k, v in item.items() if not k.startswith("_")}))


STAND_IN = GlobalAcceleratorStandIn()


def middleware(app):
    """Wraps moto's WSGI app: Global Accelerator requests are answered here, and /moto-api/reset
    also forgets the accelerators."""

    def wrapped(environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.startswith(TARGET_PREFIX):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            status, payload = STAND_IN.handle(target[len(TARGET_PREFIX):], body)
            data = json.dumps(payload).encode("utf-8")
            start_response("200 OK" if status == 200 else "400 Bad Request", [
                ("Content-Type", "application/x-amz-json-1.1"),
                ("Content-Length", str(len(data))),
                ("x-amzn-RequestId", str(uuid.uuid4())),
            ])
            return [data]
        if environ.get("PATH_INFO") == "/moto-api/reset" and environ.get("REQUEST_METHOD") == "POST":
            STAND_IN.reset()
        return app(environ, start_response)

    return wrapped
