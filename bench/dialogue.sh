#!/usr/bin/env bash
# bench/dialogue.sh HELHED_BIN [RUNS] [SCALE] - the steering dialogue's
# documentation package for the largest demo dialogue (the national-scale
# organisation with 100+ departments in one municipality) against
# rasterising the same PDF, in the same run.
#
# Builds a demo database (`helhed demo`, or `--scale SCALE` when given), picks
# the dialogue whose organisation has the most departments in its
# municipality, then times, each RUNS times (default 3) and including
# process start:
#   helhed pdf   `helhed report dialogue ... --format pdf`: reads the
#                dialogue, every department's sheet and figures, lays the
#                package out twice (page count) and writes the PDF;
#   helhed html  the same package as standalone HTML (reading and layout
#                without drawing);
#   pdftoppm     `pdftoppm -png -r 30` of every page of that PDF: poppler
#                reading and drawing the same pages once (the baseline).
# Prints the medians and the ratio pdf/pdftoppm. The goal (from the issue)
# is the PDF in under 5 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bin=$1 runs=${2:-3} scale=${3:-}
bench_need sqlite3 awk pdftoppm
tmp=$(mktemp -d /tmp/helhed-bench-dialogue.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

wall() {
  local t0 t1
  t0=$(date +%s%N)
  timeout 600 "$@" >>"$tmp/out.log" 2>>"$tmp/err.log"
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

db="sqlite:$tmp/helhed.db"
echo "building the demo database${scale:+ (scale $scale)} ..."
"$bin" demo ${scale:+--scale "$scale"} --db "$db" >/dev/null
read -r org muni year depts < <(sqlite3 -separator ' ' "$tmp/helhed.db" \
  "SELECT g.org_no, g.municipality_code, g.year, COUNT(*) FROM dialogue g JOIN department d
     ON d.org_no = g.org_no AND d.municipality_code = g.municipality_code
   GROUP BY g.id ORDER BY COUNT(*) DESC, g.year DESC LIMIT 1")
[ -n "${org:-}" ] || { echo "bench/dialogue.sh: the demo has no dialogue" >&2; exit 1; }
echo "dialogue: organisation $org in municipality $muni, $year, $depts departments"
args=(report dialogue --org "$org" --municipality "$muni" --year "$year" --db "$db")
"$bin" "${args[@]}" --format pdf --out "$tmp/p.pdf" 2>&1 | sed 's/^/  /'
pages=$(pdfinfo "$tmp/p.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
: >"$tmp/pdf" && : >"$tmp/html" && : >"$tmp/base"
for _ in $(seq 1 "$runs"); do
  wall "$bin" "${args[@]}" --format pdf --out "$tmp/q.pdf" >>"$tmp/pdf"
  wall "$bin" "${args[@]}" --format html --out "$tmp/q.html" >>"$tmp/html"
  wall pdftoppm -png -r 30 "$tmp/p.pdf" "$tmp/raster" >>"$tmp/base"
done
pdf=$(median <"$tmp/pdf") html=$(median <"$tmp/html") base=$(median <"$tmp/base")
echo "pages: ${pages:-?}, PDF $(wc -c <"$tmp/p.pdf") bytes, HTML $(wc -c <"$tmp/q.html") bytes"
echo "helhed report dialogue --format pdf:  median ${pdf} s ($(tr '\n' ' ' <"$tmp/pdf"))"
echo "helhed report dialogue --format html: median ${html} s ($(tr '\n' ' ' <"$tmp/html"))"
echo "pdftoppm -r 30 of every page:         median ${base} s ($(tr '\n' ' ' <"$tmp/base"))"
awk -v h="$pdf" -v b="$base" -v x="$html" 'BEGIN { printf "ratio pdf/pdftoppm: %.2f; pdf/html: %.2f; goal pdf < 5 s: %s\n", h / b, h / x, h < 5 ? "met" : "missed" }'
