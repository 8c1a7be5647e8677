#!/usr/bin/env bash
# Extract the web application's messages into its .po catalogues (French, English) and
# compile them. Messages are English msgids: in Python `gettext`/`gettext_lazy`/`gettext_noop`
# (the procedure table in vigipub/cases marks its messages with `gettext_noop`), in templates
# `{% translate %}`/`{% blocktranslate %}`. Translate the new French entries, then run it
# again to compile. Needs GNU gettext (Debian package gettext).
set -euo pipefail
cd "$(dirname "$0")/../src/vigipub"
export DJANGO_SETTINGS_MODULE=vigipub.web.settings VIGIPUB_DATA="${TMPDIR:-/tmp}/vigipub-messages"
ignore=()
for entry in *; do
  case "$entry" in web|cases) ;; *) ignore+=(--ignore "$entry") ;; esac
done
../../.venv/bin/django-admin makemessages -l fr -l en --no-obsolete --no-location --no-wrap "${ignore[@]}"
cd web && ../../../.venv/bin/django-admin compilemessages
