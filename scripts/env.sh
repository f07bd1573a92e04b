# Sourced by the scripts: puts the project's tools first on PATH.
export EXEMPLAR_TOOLS="${EXEMPLAR_TOOLS:-$HOME/.cache/exemplar-tools}"
export PATH="$EXEMPLAR_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
