# Sourced by ./run-tests: makes sure the external tools the tests use are here, installing what
# can be installed from the registries this project may use. A missing tool is an error, never a skip.
command -v mvn >/dev/null 2>&1 || { echo "run-tests: Maven (mvn) is missing: apt-get install maven" >&2; exit 1; }
MOTO_REQUIREMENTS=emulator/src/main/resources/dev/crossfade/emulator/requirements.txt
MOTO_PINNED=$(sed -n 's/^moto\[server\]==\([^ #]*\).*/\1/p' "$MOTO_REQUIREMENTS")
if ! python3 -c 'import moto.server' >/dev/null 2>&1; then
  echo "run-tests: moto is missing; trying: pip install -r $MOTO_REQUIREMENTS" >&2
  python3 -m pip install --quiet -r "$MOTO_REQUIREMENTS" >&2 \
    || { echo "run-tests: moto $MOTO_PINNED is required: python3 -m pip install -r $MOTO_REQUIREMENTS" >&2; exit 1; }
fi
MOTO_INSTALLED=$(python3 -c 'import moto; print(moto.__version__)')
if [ "$MOTO_INSTALLED" != "$MOTO_PINNED" ]; then
  echo "run-tests: moto $MOTO_INSTALLED is installed, the emulator is written for moto $MOTO_PINNED: python3 -m pip install -r $MOTO_REQUIREMENTS" >&2
  exit 1
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
