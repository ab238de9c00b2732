# Sourced by ./run-tests: makes sure the external tools the tests use are here, installing what
# can be installed from the registries this project may use. A missing tool is an error, never a skip.
command -v mvn >/dev/null 2>&1 || { echo "run-tests: Maven (mvn) is missing: apt-get install maven" >&2; exit 1; }
if ! python3 -c 'import moto.server' >/dev/null 2>&1; then
  echo "run-tests: moto is missing; trying: pip install 'moto[server]'" >&2
  python3 -m pip install --quiet 'moto[server]' >&2 || { echo "run-tests: moto server is required (pip install 'moto[server]')" >&2; exit 1; }
fi
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "run-tests: cfn-lint is missing; trying: pip install cfn-lint" >&2
  python3 -m pip install --quiet cfn-lint >&2 || { echo "run-tests: cfn-lint is required (pip install cfn-lint)" >&2; exit 1; }
fi
command -v node >/dev/null 2>&1 || { echo "run-tests: Node.js is required by the CDK (jsii): apt-get install nodejs npm" >&2; exit 1; }
# asl-validator (checks every statemachines/*.asl.json) and Node 22 for jsii, pinned in package.json; AslValidationTest
# fails without asl-validator.
if [ ! -x node_modules/.bin/asl-validator ] || [ ! -x node_modules/.bin/node ] || [ ! -x node_modules/.bin/cdk ]; then
  command -v npm >/dev/null 2>&1 || { echo "run-tests: npm is required to install asl-validator" >&2; exit 1; }
  echo "run-tests: installing the Node tools (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2 || { echo "run-tests: npm ci failed" >&2; exit 1; }
fi
export PATH="$PWD/node_modules/.bin:$PATH"   # Node 22 for jsii (see scripts/java-env.sh)
