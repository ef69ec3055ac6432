#!/usr/bin/env bash
# cli/import.sh HELHED_BIN sqlite|postgres - the registry and key-figure
# imports and the export: every error class with its exact message, all or
# nothing, idempotent re-import, scope, aggregation by kind (shares sum parts:
# 30/100 and 10/50 give 26.7 %, not 25 %) and suppression of small numbers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
h() { "$bin" "$@" --db "$db"; }
# expect_error FILE KIND MESSAGE: the import fails, names MESSAGE, writes nothing.
expect_error() {
  local file=$1 what=$2 msg=$3 out
  if out=$(h import "$what" "$tmp/$file" 2>&1); then bad "$file imported: $out"; return; fi
  if grep -qF -- "$msg" <<<"$out"; then ok; else bad "$file: expected '$msg' in: $out"; fi
  grep -q "nothing was written" <<<"$out" && ok || bad "$file: no 'nothing was written'"
}
count() { h export keyfigures --level department --no-suppression --format json | grep -o '"key_figure"' | wc -l; }

printf 'org_no;org_name;cvr;department_no;department_name;address;municipality_code;dwellings;build_year\n101;Test Bolig;12345678;1;Parken;Vej 1;0101;100;1968\n101;Test Bolig;12345678;2;Haven;Vej 2;101;50;1972\n202;Anden Bolig;;1;Gården;Vej 3;0751;80;1990\n' >"$tmp/reg.csv"
out=$(h import registry "$tmp/reg.csv") && grep -q "organisations: 2 created, 0 updated; departments: 3 created" <<<"$out" && ok || bad "registry import: $out"
out=$(h import registry "$tmp/reg.csv") && grep -q "departments: 0 created, 0 updated, 3 unchanged" <<<"$out" && ok || bad "registry re-import: $out"

# Long form with decimal comma; 30/100 and 10/50 in København.
printf 'org_no;department_no;year;key_figure;value;numerator;denominator\n101;1;2024;outside_labour_share;;30;100\n101;2;2024;outside_labour_share;;10;50\n202;1;2024;outside_labour_share;;3;40\n101;1;2024;residents;250;;\n101;2;2024;residents;120;;\n202;1;2024;residents;4;;\n101;1;2024;mean_gross_income;;"7.500.000,5";25\n' >"$tmp/kf.csv"
out=$(h import keyfigures "$tmp/kf.csv" --dry-run) && grep -q "dry run: nothing was written" <<<"$out" && ok || bad "dry run: $out"
[ "$(count)" = 0 ] && ok || bad "dry run wrote values"
out=$(h import keyfigures "$tmp/kf.csv") && grep -q "values: 7 new or changed, 0 unchanged" <<<"$out" && ok || bad "keyfigures import: $out"
out=$(h import keyfigures "$tmp/kf.csv") && grep -q "values: 0 new or changed, 7 unchanged" <<<"$out" && ok || bad "re-import changed something: $out"
agg=$(h export keyfigures --level municipality --year 2024 --key-figure outside_labour_share)
grep -q "^municipality;0101;København;2024;outside_labour_share;26,667;40;150;%" <<<"$agg" && ok || bad "share aggregation: $agg"
agg=$(h export keyfigures --level country --year 2024 --key-figure outside_labour_share --format json)
grep -q '"value":22.63157' <<<"$agg" && ok || bad "country aggregate (43/190): $agg"
# Suppression: 3/40 and 4 residents are below 5; the operator sees them with --no-suppression.
dep=$(h export keyfigures --level department --year 2024)
grep -q "^department;202-1;Gården;2024;outside_labour_share;<5;;;%" <<<"$dep" && ok || bad "share with numerator 3 not suppressed: $dep"
grep -q "^department;202-1;Gården;2024;residents;<5;;;personer" <<<"$dep" && ok || bad "count 4 not suppressed"
h export keyfigures --level department --year 2024 --no-suppression | grep -q "^department;202-1;Gården;2024;residents;4;" && ok || bad "real value lost"
# XLSX export.
h export keyfigures --level region --format xlsx --out "$tmp/r.xlsx" 2>/dev/null && [ "$(head -c 2 "$tmp/r.xlsx")" = PK ] && ok || bad "xlsx export"

# Wide form, Windows-1252 and comma separated.
printf 'org_no,department_no,year,residents,turnover_rate.numerator,turnover_rate.denominator\n101,1,2023,240,9,95\n' >"$tmp/wide.csv"
out=$(h import keyfigures "$tmp/wide.csv") && grep -q "layout wide" <<<"$out" && grep -q "values: 2 new or changed" <<<"$out" && ok || bad "wide form: $out"
printf 'org_no;org_name;department_no;department_name;municipality_code\n101;Test Bolig;3;K\xf8genhus;0101\n' >"$tmp/cp1252.csv"
out=$(h import registry "$tmp/cp1252.csv") && grep -q "Windows-1252" <<<"$out" && ok || bad "cp1252: $out"
h export keyfigures --level department | head -1 >/dev/null
"$bin" --db "$db" export keyfigures --level organisation --format json >/dev/null && ok || bad "organisation export"

# Every error class, with the exact message; one bad row at the end writes nothing.
before=$(count)
printf 'org_no|department_no|year|key_figure|value\n101|1|2022|residents|5\n' >"$tmp/sep.csv"
expect_error sep.csv keyfigures "sep.csv, række 1, kolonne A: fandt kun én kolonne ('org_no|department_no|year|key_figure|value'); forventede kolonner adskilt af semikolon (;), komma (,) eller tabulator"
printf 'org_no;department_no;year;key_figure;value;numerator;denominator\n101;1;2022;residents;12,5x;;\n' >"$tmp/num.csv"
expect_error num.csv keyfigures "num.csv, række 2, kolonne E (value): '12,5x' er ikke et tal; forventede fx 12,5 eller 12.5"
printf 'org_no;department_no;year;key_figure;value\n101;99;2022;residents;5\n' >"$tmp/dep.csv"
expect_error dep.csv keyfigures "dep.csv, række 2, kolonne B (department_no): afdeling 101-99 findes ikke i registret; importér registret først"
printf 'org_no;department_no;year;key_figure;value\n101;1;2022;beboere;5\n' >"$tmp/kf-unknown.csv"
expect_error kf-unknown.csv keyfigures "kf-unknown.csv, række 2, kolonne D (key_figure): 'beboere' er ikke et nøgletal i kataloget; forventede en kode som residents eller turnover_rate"
printf 'org_no;department_no;year;key_figure;value\n101;1;2022;residents;5\n101;2;2022;residents;6\n101;1;2022;residents;7\n' >"$tmp/dup.csv"
expect_error dup.csv keyfigures "dup.csv, række 4, kolonne D (key_figure): residents for 2022 står mere end én gang i filen for samme afdeling"
printf '\xff\xfeo\x00r\x00g\x00\n\x00' >"$tmp/utf16.csv"
expect_error utf16.csv keyfigures "utf16.csv: filen er gemt som UTF-16"
printf 'org_no;department_no;year;key_figure;value;numerator;denominator\n101;1;2022;non_western_share;12,5;;\n' >"$tmp/share.csv"
expect_error share.csv keyfigures "share.csv, række 2, kolonne E (value): non_western_share er en andel og skal angives med numerator og denominator (tæller og nævner), ikke kun value"
{ printf 'org_no;department_no;year;key_figure;value\n'; for y in 2010 2011 2012 2013 2014 2015; do printf '101;1;%s;households;90\n' "$y"; done; printf '101;1;2016;households;-1\n'; } >"$tmp/atomic.csv"
expect_error atomic.csv keyfigures "atomic.csv, række 8, kolonne E (value): households må ikke være negativ"
[ "$(count)" = "$before" ] && ok || bad "a failed import wrote values"
printf 'org_no;org_name;department_no;department_name;municipality_code;dwellings\n303;Ny;1;X;9999;10\n' >"$tmp/muni.csv"
expect_error muni.csv registry "muni.csv, række 2, kolonne E (municipality_code): Kommune: '9999' er ikke en kommunekode; forventede fire cifre, fx 0101"

# Scope: an organisation user imports only for its own organisation.
h user add org101@import.example --name "Org 101" --grant organisation:101 --password-stdin <<<"import-test-password-1" >/dev/null
printf 'org_no;department_no;year;key_figure;value\n202;1;2022;residents;50\n' >"$tmp/other.csv"
out=$(h import keyfigures "$tmp/other.csv" --as org101@import.example 2>&1) && bad "cross-organisation import allowed" ||
  { grep -qF "afdeling 202-1 findes ikke blandt de afdelinger, du kan indlæse tal for" <<<"$out" && ok || bad "scope message: $out"; }
printf 'org_no;department_no;year;key_figure;value\n101;1;2021;residents;50\n' >"$tmp/own.csv"
h import keyfigures "$tmp/own.csv" --as org101@import.example >/dev/null && ok || bad "own organisation refused"
printf 'org_no;org_name;department_no;department_name;municipality_code\n202;Anden Bolig;2;Nyt;0751\n' >"$tmp/other-reg.csv"
out=$(h import registry "$tmp/other-reg.csv" --as org101@import.example 2>&1) && bad "cross-organisation registry import" ||
  { grep -qF "boligorganisation 202 er uden for dine rettigheder" <<<"$out" && ok || bad "registry scope: $out"; }

# Area-list values and published statuses: same report, all or nothing, national users only.
lh='area_code;year;residents;non_western_pct;outside_labour_pct;convicted_pct;national_convicted_pct;basic_education_pct;income_pct_of_region'
printf '%s\nA-1;2023;2000;60;45;1,8;0,5;65;50\nA-1;2024;2000;60;45;1,8;0,5;65;50\n' "$lh" >"$tmp/lists.csv"
out=$(h import lists "$tmp/lists.csv") && grep -q "rows: 2 new or changed, 0 unchanged" <<<"$out" && ok || bad "lists import: $out"
out=$(h import lists "$tmp/lists.csv") && grep -q "rows: 0 new or changed, 2 unchanged" <<<"$out" && ok || bad "lists re-import: $out"
printf '%s\nA-2;2024;2000;60;45;1,8;0,5;65;50\nA-2;2024;2000;160;45;1,8;0,5;65;50\n' "$lh" >"$tmp/lists-bad.csv"
expect_error lists-bad.csv lists "lists-bad.csv, række 3, kolonne D (non_western_pct): '160' er uden for 0-100; forventede en procentdel mellem 0 og 100, fx 42,5"
printf '%s\nA-3;2024;2000;60;45;1,8;0,5;65;50\nA-4;2024;2000;60;45;1,8;0,5;65;50\nA-3;2024;2000;6;45;1,8;0,5;65;50\n' "$lh" >"$tmp/lists-dup.csv"
expect_error lists-dup.csv lists "lists-dup.csv, række 4: område 'A-3' og år 2024 står også i række 2; forventede én række pr. område og år"
out=$(h import lists "$tmp/lists.csv" --as org101@import.example 2>&1) && bad "an organisation imported list values" ||
  { grep -qF "kun administratorer og nationale brugere kan indlæse områdelister" <<<"$out" && ok || bad "lists role: $out"; }
printf 'area_code;year;categories\nA-1;2020;ghetto\nA-1;2021;parallelsamfund|udsat\n' >"$tmp/status.csv"
out=$(h import list-status "$tmp/status.csv") && grep -q "rows: 2 new or changed" <<<"$out" && ok || bad "status import: $out"
printf 'area_code;year;categories\nA-1;2020;getto\n' >"$tmp/status-bad.csv"
expect_error status-bad.csv list-status "status-bad.csv, række 2"
[ "$(h lists derive)" != "" ] && ok || bad "lists derive printed nothing"

echo "import ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
