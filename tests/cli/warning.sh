#!/usr/bin/env bash
# cli/warning.sh HELHED_BIN sqlite|postgres - early warning: a status for every
# department and area in the latest year, no events from a demo load, exactly
# one event when an import changes one department's status and none from a
# rebuild that changes nothing, Danish reasons that name the figure, filters,
# formats and the configuration. On SQLite also the national demo against the
# generator's ground truth (helhed demo --truth): precision and recall of
# "flagged" (watch or alarm) must both reach 0.8.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-warning.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
h() { "$bin" "$@" --db "$db"; }
# rows CMD...: the CSV's data rows (no BOM header, no CR).
rows() { h "$@" | tail -n +2 | tr -d '\r'; }
nevents() { rows warnings events | wc -l; }

# ---- a small demo: every unit has a status, and loading made no events ----
h demo >/dev/null
year=$(rows warnings | sed -n 1p | cut -d';' -f5)
[ "$year" = 2025 ] && ok || bad "latest year is '$year', expected 2025"
rows export keyfigures --level department --year "$year" --key-figure residents | cut -d';' -f2 | sort >"$tmp/depts"
rows warnings | cut -d';' -f2 | sort >"$tmp/statuses"
[ -s "$tmp/depts" ] && cmp -s "$tmp/depts" "$tmp/statuses" && ok ||
  bad "departments without exactly one status in $year: $(diff "$tmp/depts" "$tmp/statuses" | head -5)"
rows export keyfigures --level area --year "$year" --key-figure residents | cut -d';' -f2 | sort >"$tmp/areas"
rows warnings --level area | cut -d';' -f2 | sort >"$tmp/area-statuses"
[ -s "$tmp/areas" ] && cmp -s "$tmp/areas" "$tmp/area-statuses" && ok || bad "areas without a status in $year"
[ "$(nevents)" = 0 ] && ok || bad "the demo load created $(nevents) events"
rows warnings | awk -F';' '$6 !~ /^(stable|watch|alarm)$/ { bad = 1 } END { exit bad }' && ok || bad "unknown status"

# Reasons: one per flagged link, Danish, naming a figure of the catalogue.
rows warnings --status watch,alarm >"$tmp/flagged"
[ -s "$tmp/flagged" ] && ok || bad "the small demo flags nothing (101-1 slides by design)"
grep -q '^department;101-1;' "$tmp/flagged" && ok || bad "the sliding demo department 101-1 is not flagged"
awk -F';' '{ if ($12 == "") bad = 1 } END { exit bad }' "$tmp/flagged" && ok || bad "a flagged unit without reasons"
cut -d';' -f12- "$tmp/flagged" | tr '|' '\n' | sed 's/^[ "]*//; s/[ "]*$//' | grep -v '^$' >"$tmp/reasons"
bad_reasons=$(grep -cvE '^(Nedslidning|Utryghed|Fraflytning og tomgang|Sociale udfordringer): .+ (— .* på [0-9]+ år; (højere|lavere) end [0-9]+ % af|— .*; (højest|lavest) blandt|er forværret \(tallet hviler på under 5)' "$tmp/reasons" || true)
[ "$bad_reasons" = 0 ] && ok || bad "$bad_reasons reasons not in the Danish form, e.g. $(head -1 "$tmp/reasons")"
# `helhed keyfigures` prints code, kind, unit and link in fixed columns, then the Danish name.
"$bin" keyfigures | tail -n +2 | cut -c70- >"$tmp/names"
unnamed=$(awk 'NR == FNR { names[NR] = $0; n = NR; next }
  { text = substr($0, index($0, ": ") + 2); found = 0
    for (i = 1; i <= n; i++) if (index(text, names[i] " ") == 1) found = 1
    if (!found) { missing++; print > "/dev/stderr" } }
  END { print missing + 0 }' "$tmp/names" "$tmp/reasons")
[ "$unnamed" = 0 ] && ok || bad "$unnamed reasons do not start with a key figure's Danish name"
grep -qiE 'nan|inf|null' "$tmp/reasons" && bad "a reason shows a missing number" || ok

# Filters and formats.
rows warnings --status alarm | awk -F';' '$6 != "alarm" { bad = 1 } END { exit bad }' && ok || bad "--status alarm"
rows warnings --org 103 | awk -F';' '$2 !~ /^103-/ { bad = 1 } END { exit bad || NR == 0 }' && ok || bad "--org 103"
rows warnings --municipality 0101 | awk -F';' '$4 != "0101" { bad = 1 } END { exit bad || NR == 0 }' && ok ||
  bad "--municipality 0101"
h warnings --format json | grep -q '"links":{"wear":' && ok || bad "json rows"
h warnings --format json --year 2019 | grep -q '"year":2019' && ok || bad "json --year"
out=$(h warnings --status loud 2>&1) && bad "--status loud accepted" || { grep -q "expected stable, watch or alarm" <<<"$out" && ok || bad "$out"; }
out=$(h warnings --level region 2>&1) && bad "--level region accepted" || ok

# ---- an import that changes one department's status: exactly one event ----
dept=$(rows warnings --status stable | tail -1 | cut -d';' -f2) # the lowest score
o=${dept%-*} n=${dept#*-}
{
  echo "org_no;department_no;year;turnover_rate.numerator;turnover_rate.denominator;feeling_unsafe_share.numerator;feeling_unsafe_share.denominator;complaints_per_1000.numerator;complaints_per_1000.denominator;outside_labour_share.numerator;outside_labour_share.denominator;vandalism_cost_per_dwelling.numerator;vandalism_cost_per_dwelling.denominator"
  echo "$o;$n;2023;20;100;15;40;8;100;40;100;40000;100"
  echo "$o;$n;2024;30;100;22;40;12;100;50;100;70000;100"
  echo "$o;$n;2025;40;100;30;40;16;100;60;100;100000;100"
} >"$tmp/worse.csv"
h import keyfigures "$tmp/worse.csv" >/dev/null
rows warnings events >"$tmp/events"
[ "$(wc -l <"$tmp/events")" = 1 ] && ok || bad "the import created $(wc -l <"$tmp/events") events, expected 1: $(cat "$tmp/events")"
grep -qE "^[0-9]+;department;$dept;[^;]*;2025;stable;2025;(watch|alarm);" "$tmp/events" && ok ||
  bad "the event is not $dept stable -> watch/alarm: $(cat "$tmp/events")"
grep -qE "Fraflytningsfrekvens 40,0 % — steget [0-9,]+ procentpoint på 3 år|Andel beboere der føler sig utrygge 75,0 %|Klager over adfærd pr. 1.000 lejemål 160,0 pr. 1.000 — steget|Andel uden for arbejdsmarked eller uddannelse \(18-64 år\) 60,0 %|Udgifter til hærværk pr. bolig 1.000 kr." "$tmp/events" && ok ||
  bad "the event's reasons do not name the figures that changed: $(cat "$tmp/events")"
rows warnings --org "$o" | grep -qE "^department;$dept;.*;2025;(watch|alarm);" && ok || bad "$dept's status did not change"
# A rebuild that changes nothing, and the same import again, make no event.
h warnings refresh | grep -q ", 0 events;" && ok || bad "refresh reported events"
h import keyfigures "$tmp/worse.csv" | grep -q "0 new or changed" && ok || bad "re-import changed values"
[ "$(nevents)" = 1 ] && ok || bad "a rebuild without changes created events ($(nevents) in all)"
h warnings events --format json | grep -q "\"code\":\"$dept\",.*\"old_status\":\"stable\"" && ok || bad "json events"
# A new latest year counts: the department's first figures for 2026 (nothing
# to compare them with yet: stable) are compared with its 2025 status.
printf 'org_no;department_no;year;turnover_rate.numerator;turnover_rate.denominator\n%s;%s;2026;40;100\n' "$o" "$n" >"$tmp/next.csv"
h import keyfigures "$tmp/next.csv" >/dev/null
[ "$(nevents)" = 2 ] && ok || bad "the new year made $(($(nevents) - 1)) events, expected 1"
rows warnings events | sed -n 1p | grep -qE "^[0-9]+;department;$dept;[^;]*;2025;(watch|alarm);2026;stable;" && ok ||
  bad "no event 2025 -> 2026 for $dept: $(rows warnings events | sed -n 1p)"
[ "$(rows warnings | sed -n 1p | cut -d';' -f5)" = 2025 ] && ok || bad "one unit's 2026 became the default year"
[ "$(rows warnings --year 2026 | wc -l)" = 1 ] && ok || bad "2026 should hold one status"

# ---- configuration ----
h warnings --help | grep -q "Usage: helhed warnings" && ok || bad "warnings --help"
h warnings config | grep -qE '^warning\.watch +2\.25 +2\.25 ' && ok || bad "config listing"
out=$(h warnings config watch abc 2>&1) && bad "watch abc accepted" || { grep -q "warning.watch: 'abc' is not a number" <<<"$out" && ok || bad "$out"; }
out=$(h warnings config alarm 1 2>&1) && bad "alarm below watch accepted" || { grep -q "is below warning.watch" <<<"$out" && ok || bad "$out"; }
out=$(h warnings config loudness 3 2>&1) && bad "unknown key accepted" || { grep -q "unknown setting 'loudness'" <<<"$out" && ok || bad "$out"; }
# No link can reach 20: everything is stable, and the change is an event per unit.
h warnings config warning.link_flag 20 | grep -q "^warning.link_flag = 20" && ok || bad "set link_flag"
h warnings config | grep -qE '^warning\.link_flag +20\* ' && ok || bad "override not shown"
[ "$(rows warnings --status watch,alarm | wc -l)" = 0 ] && ok || bad "link_flag 20 still flags units"
rows warnings events | awk -F';' '$8 == "stable" && $6 != "stable" { n++ } END { exit !n }' && ok ||
  bad "no event for the units that became stable"
h warnings config link_flag default >/dev/null && h warnings config | grep -qE '^warning\.link_flag +2 ' && ok || bad "reset"
[ "$(rows warnings --status watch,alarm | wc -l)" -gt 0 ] && ok || bad "the reset did not rebuild"

# ---- the national demo against the generator's truth (SQLite) ----
if [ "$kind" = sqlite ]; then
  ndb="sqlite:$tmp/national.db"
  "$bin" demo --scale national --truth "$tmp/truth" --db "$ndb" >/dev/null
  "$bin" warnings --year 2025 --format csv --db "$ndb" | tail -n +2 | tr -d '\r' >"$tmp/national.csv"
  read -r truth flagged hits < <(awk -F';' '
    NR == FNR { if ($0 != "") { truth[$0] = 1; nt++ } next }
    $6 == "watch" || $6 == "alarm" { nf++; if ($2 in truth) tp++ }
    END { print nt + 0, nf + 0, tp + 0 }' "$tmp/truth" "$tmp/national.csv")
  precision=$(awk -v tp="$hits" -v n="$flagged" 'BEGIN { printf "%.3f", n ? tp / n : 0 }')
  recall=$(awk -v tp="$hits" -v n="$truth" 'BEGIN { printf "%.3f", n ? tp / n : 0 }')
  echo "national demo 2025: $truth departments sent down the spiral, $flagged flagged, $hits of them right:" \
    "precision $precision, recall $recall"
  awk -v p="$precision" -v r="$recall" 'BEGIN { exit !(p >= 0.8 && r >= 0.8) }' && ok ||
    bad "precision $precision or recall $recall below 0.8"
  [ "$(wc -l <"$tmp/national.csv")" -gt 7000 ] && ok || bad "national statuses: $(wc -l <"$tmp/national.csv")"
  "$bin" warnings refresh --db "$ndb" # prints the phase times (not asserted)
fi

echo "warning ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
