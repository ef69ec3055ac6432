#!/usr/bin/env bash
# cli/lists.sh HELHED_BIN - `helhed lists classify`: CSV with ';' and decimal
# comma or ',' and decimal point give the same answer, forced rule sets,
# published history overriding computed history, JSON that parses, output to
# a file, every bad input with its exact Danish message (exit 1) and usage
# errors (exit 2). Needs no database: none may be created.
set -euo pipefail
bin=$1
tmp=$(mktemp -d /tmp/helhed-lists.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
export HELHED_DB="sqlite:$tmp/never.db"
classify() { "$bin" lists classify "$@"; }

# same NAME EXPECTED ACTUAL
same() {
  if [ "$2" = "$3" ]; then ok; else bad "$1: expected:"$'\n'"$2"$'\n'"got:"$'\n'"$3"; fi
}
# expect_fail NAME CODE MESSAGE ARGS...: exit CODE, MESSAGE exactly the first line of stderr, nothing on stdout.
expect_fail() {
  local name=$1 code=$2 msg=$3 rc=0 out err
  shift 3
  out=$("$bin" lists "$@" 2>"$tmp/err") || rc=$?
  err=$(head -n 1 "$tmp/err")
  [ "$rc" -eq "$code" ] && ok || bad "$name: exit $rc, want $code"
  same "$name" "$msg" "$err"
  [ -z "$out" ] && ok || bad "$name: wrote to stdout: $out"
}

head_semi='area_code;year;residents;non_western_pct;outside_labour_pct;convicted_pct;national_convicted_pct;basic_education_pct;income_pct_of_region;persons_18_64'
{
  echo "$head_semi"
  echo 'B;2019;1500;40,0;40,0;2,1;0,7;50;54,9;900'
  echo 'A;2019;999;60;45;3;1;65;50;'
  echo 'C;2019;1200;55;;3;1;65;50;'
  for y in 2015 2016 2017; do echo "D;$y;2000;60;45;3;1;55;50;"; done
  for y in 2018 2019; do echo "D;$y;2000;60;45;3;1;65;50;"; done
} >"$tmp/semi.csv"
# The same in ',' and decimal point, columns in another order.
{
  echo 'year,area_code,income_pct_of_region,residents,non_western_pct,outside_labour_pct,convicted_pct,national_convicted_pct,basic_education_pct'
  echo '2019,B,54.9,1500,40.0,40.0,2.1,0.7,50'
  echo '2019,A,50,999,60,45,3,1,65'
  echo '2019,C,50,1200,55,,3,1,65'
  for y in 2015 2016 2017; do echo "$y,D,50,2000,60,45,3,1,55"; done
  for y in 2018 2019; do echo "$y,D,50,2000,60,45,3,1,65"; done
} >"$tmp/comma.csv"

# B: L exactly 40 % is not met, C exactly 3 × 0.7 = 2.1 is; with I 54.9 < 55
# that is 2 of 4: udsat. A: 999 residents. C: L missing. D: ghetto 2015-2019
# (2013 rules, then 2018): hard ghetto under the 5-year transition.
want='area_code;year;rule_set;categories;residents_1000_value;residents_1000_threshold;residents_1000_met;residents_1000_margin;outside_labour_40_value;outside_labour_40_threshold;outside_labour_40_met;outside_labour_40_margin;convicted_3x_value;convicted_3x_threshold;convicted_3x_met;convicted_3x_margin;basic_education_60_value;basic_education_60_threshold;basic_education_60_met;basic_education_60_margin;income_55_value;income_55_threshold;income_55_met;income_55_margin;non_western_50_value;non_western_50_threshold;non_western_50_met;non_western_50_margin;computable;note
A;2019;2018;;999;1000;0;-1;45;40;1;5;3;3;1;0;65;60;1;5;50;55;1;-5;60;50;1;10;1;999 beboere: ikke et boligområde i listens forstand dette år
B;2019;2018;udsat;1500;1000;1;500;40;40;0;0;2.1;2.1;1;0;50;60;0;-10;54.9;55;1;-0.1;40;50;0;-10;1;
C;2019;2018;;1200;1000;1;200;;40;;;3;3;1;0;65;60;1;5;50;55;1;-5;55;50;1;5;0;"Andel uden for arbejdsmarkedet mangler for 2019 — et år mangler i gennemsnittet; klassifikationen kan ikke beregnes"
D;2019;2018;ghetto|udsat|haardt_ghetto;2000;1000;1;1000;45;40;1;5;3;3;1;0;65;60;1;5;50;55;1;-5;60;50;1;10;1;'
same "semicolon, decimal comma" "$want" "$(classify --input "$tmp/semi.csv" --year 2019)"
same "comma, decimal point" "$want" "$(classify --year 2019 --input "$tmp/comma.csv" --rules auto)"
# Earlier years are history, not output.
same "2018 rows" "D;2018;2018;ghetto|udsat" "$(classify --input "$tmp/semi.csv" --year 2018 | tail -n 1 | cut -d';' -f1-4)"

# A forced rule set: the 2010 rules for 2019 (2 of 3; no education, income or history).
got=$(classify --input "$tmp/semi.csv" --year 2019 --rules 2010)
same "forced 2010 header" 'area_code;year;rule_set;categories;residents_1000_value;residents_1000_threshold;residents_1000_met;residents_1000_margin;non_western_50_value;non_western_50_threshold;non_western_50_met;non_western_50_margin;outside_labour_40_value;outside_labour_40_threshold;outside_labour_40_met;outside_labour_40_margin;convicted_2_7_value;convicted_2_7_threshold;convicted_2_7_met;convicted_2_7_margin;computable;note' "$(head -n 1 <<<"$got")"
same "forced 2010 B" 'B;2019;2010;;1500;1000;1;500;40;50;0;-10;40;40;0;0;2.1;2.7;0;-0.6;1;' "$(grep '^B;' <<<"$got")"
same "forced 2010 D" 'D;2019;2010;ghetto;2000;1000;1;1000;60;50;1;10;45;40;1;5;3;2.7;1;0.3;1;' "$(grep '^D;' <<<"$got")"
# The 2021 rules forced on 2019: D is udsat, parallelsamfund and forebyggelse;
# omdannelse needs 2015-2019 as parallelsamfund/ghetto, each under the rules
# forced (2021) — all five years qualify.
same "forced 2021 D" 'D;2019;2021;udsat|parallelsamfund|omdannelse|forebyggelse' \
  "$(classify --input "$tmp/semi.csv" --year 2019 --rules 2021 | grep '^D;' | cut -d';' -f1-4)"
# Before 2010 only with a forced rule set.
sed 's/^B;2019/B;2008/' "$tmp/semi.csv" >"$tmp/early.csv"
same "2008 under 2013 rules" 'B;2008;2013;' "$(classify --input "$tmp/early.csv" --year 2008 --rules 2013 | tail -n 1 | cut -d';' -f1-4)"

# Published history overrides the computed: 2017 published as udsat only
# breaks D's five years; 2014 published adds nothing to 2019.
printf 'area_code;year;categories\nD;2017;udsat\nD;2014;ghetto\nX;2016;\n' >"$tmp/hist.csv"
same "history overrides" 'D;2019;2018;ghetto|udsat' \
  "$(classify --input "$tmp/semi.csv" --year 2019 --history "$tmp/hist.csv" | grep '^D;' | cut -d';' -f1-4)"
# Published statuses fill years missing from the input: without 2015 the
# hard ghetto is not computable; published 2015 decides it.
grep -v '^D;2015' "$tmp/semi.csv" >"$tmp/no2015.csv"
same "history missing" 'D;2019;2018;ghetto|udsat;0;Status for listeåret 2015 kendes ikke (hverken offentliggjort eller beregnet); om området er hårdt ghettoområde, kan ikke afgøres' \
  "$(classify --input "$tmp/no2015.csv" --year 2019 | grep '^D;' | cut -d';' -f1-4,29- | tr -d '"')"
printf 'area_code,year,categories\nD,2015,ghetto|udsat\n' >"$tmp/hist2015.csv"
same "history fills 2015" 'D;2019;2018;ghetto|udsat|haardt_ghetto;1;' \
  "$(classify --input "$tmp/no2015.csv" --year 2019 --history "$tmp/hist2015.csv" | grep '^D;' | cut -d';' -f1-4,29-)"

# JSON parses and carries tests, forecast, history and explanation.
classify --input "$tmp/semi.csv" --year 2019 --format json --out "$tmp/out.json" && ok || bad "json --out"
if check=$(node -e '
const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const by = Object.fromEntries(a.map(r => [r.area_code, r]));
const t = (r, id) => r.tests.find(x => x.id === id);
const out = [];
out.push(a.map(r => r.area_code).join(","));
out.push(JSON.stringify(by.B.categories), by.B.most_severe, by.B.rule_set, by.B.input_row);
out.push(t(by.B, "outside_labour_40").met, t(by.B, "outside_labour_40").persons_to_flip, t(by.B, "outside_labour_40").estimated);
out.push(t(by.B, "convicted_3x").threshold, t(by.B, "convicted_3x").persons_to_flip, t(by.B, "convicted_3x").estimated);
out.push(t(by.B, "income_55").flip_unit, t(by.B, "income_55").criterion);
out.push(t(by.C, "outside_labour_40").value, t(by.C, "outside_labour_40").met, by.C.computable);
out.push(by.D.most_severe, by.D.history.map(h => h.year + ":" + h.categories.join("|")).join(" "));
out.push(by.D.explanation[0]);
out.push(by.A.explanation[by.A.explanation.length - 1]);
console.log(out.map(String).join("\n"));
' "$tmp/out.json"); then
  same "json" 'A,B,C,D
["udsat"]
udsat
2018
2
false
1
false
2.1
-1
true
percentage_points
income_pct_of_region
null
null
false
haardt_ghetto
2015:ghetto 2016:ghetto 2017:ghetto 2018:ghetto|udsat 2019:ghetto|udsat
Regelsæt: Reglerne fra 2018 (ghettoloven), som gælder for listeåret 2019 (listeårene 2018-2020).
999 beboere: ikke et boligområde i listens forstand dette år.' "$check"
else
  bad "json does not parse: $(head -c 300 "$tmp/out.json")"
fi
# CSV to a file.
classify --input "$tmp/semi.csv" --year 2019 --out "$tmp/out.csv" && same "csv --out" "$want" "$(cat "$tmp/out.csv")"

# Bad input: the Danish message, exit 1.
f="$tmp/bad.csv"
h9='area_code;year;residents;non_western_pct;outside_labour_pct;convicted_pct;national_convicted_pct;basic_education_pct;income_pct_of_region'
bad_input() { # NAME MESSAGE CONTENT...
  local name=$1 msg=$2
  shift 2
  printf '%s\n' "$@" >"$f"
  expect_fail "$name" 1 "$msg" classify --input "$f" --year 2019
}
bad_input "missing column" "$f, række 1: kolonnen 'convicted_pct' mangler i overskriftsrækken" \
  'area_code;year;residents;non_western_pct;outside_labour_pct;national_convicted_pct;basic_education_pct;income_pct_of_region' 'A;2019;1;1;1;1;1;1'
bad_input "unknown column" "$f, række 1, kolonne J: ukendt kolonne 'kommune'; forventede area_code, year, residents, non_western_pct, outside_labour_pct, convicted_pct, national_convicted_pct, basic_education_pct, income_pct_of_region, persons_18_64, persons_18_plus, persons_30_59 eller taxpayers" \
  "$h9;kommune" 'A;2019;1500;1;1;1;1;1;1;0101'
bad_input "non-numeric" "$f, række 2, kolonne E (outside_labour_pct): '4O' er ikke et tal; forventede fx 12,5 eller 12.5" \
  "$h9" 'A;2019;1500;10;4O;1;1;1;1'
bad_input "percentage above 100" "$f, række 3, kolonne H (basic_education_pct): '140' er uden for 0-100; forventede en procentdel mellem 0 og 100, fx 42,5" \
  "$h9" 'A;2019;1500;10;10;1;1;14;1' 'B;2019;1500;10;10;1;1;140;1'
bad_input "income above 1000" "$f, række 2, kolonne I (income_pct_of_region): '1200' er uden for 0-1000; forventede indkomsten i procent af regionens gennemsnit, fx 72,5" \
  "$h9" 'A;2019;1500;10;10;1;1;1;1200'
bad_input "negative residents" "$f, række 2, kolonne C (residents): '-1500' er ikke et antal; forventede et helt tal mellem 0 og 1.000.000.000, fx 1250" \
  "$h9" 'A;2019;-1500;10;10;1;1;1;1'
bad_input "non-integer residents" "$f, række 2, kolonne C (residents): '1500,5' er ikke et antal; forventede et helt tal mellem 0 og 1.000.000.000, fx 1250" \
  "$h9" 'A;2019;1500,5;10;10;1;1;1;1'
bad_input "bad year" "$f, række 2, kolonne B (year): '19' er ikke et årstal; forventede et år mellem 1990 og 2100" \
  "$h9" 'A;19;1500;10;10;1;1;1;1'
bad_input "duplicate area and year" "$f, række 4: område 'A' og år 2019 står også i række 2; forventede én række pr. område og år" \
  "$h9" 'A;2019;1500;10;10;1;1;1;1' 'A;2018;1500;10;10;1;1;1;1' 'A;2019;1500;10;10;1;1;1;1'
bad_input "header only" "$f: filen har ingen rækker under overskriftsrækken; forventede én række pr. område og år" "$h9"
expect_fail "missing file" 1 "$tmp/nope.csv: kan ikke åbne filen (No such file or directory)" \
  classify --input "$tmp/nope.csv" --year 2019
printf 'area_code;year;categories\nD;2017;ghetto|hardt_ghetto\n' >"$tmp/badhist.csv"
expect_fail "unknown category" 1 "$tmp/badhist.csv, række 2, kolonne C (categories): ukendt kategori 'hardt_ghetto'; forventede ghetto, udsat, haardt_ghetto, parallelsamfund, omdannelse eller forebyggelse, adskilt af |" \
  classify --input "$tmp/semi.csv" --year 2019 --history "$tmp/badhist.csv"
expect_fail "no rows for the year" 1 "helhed: $tmp/semi.csv has no rows for the year 2020" \
  classify --input "$tmp/semi.csv" --year 2020

# Usage: exit 2.
expect_fail "no subcommand" 2 "helhed: expected a subcommand: classify, compute or derive"
expect_fail "unknown subcommand" 2 "helhed: unknown subcommand 'list': expected classify, compute or derive" list
expect_fail "no input" 2 "helhed: classify needs --input FILE" classify --year 2019
expect_fail "no year" 2 "helhed: classify needs --year Y (the list year to output)" classify --input "$tmp/semi.csv"
expect_fail "bad year option" 2 "helhed: --year: 'next' is not a year between 1990 and 2100" classify --input "$tmp/semi.csv" --year next
expect_fail "bad rules" 2 "helhed: --rules: expected auto, 2010, 2013, 2018 or 2021, not '2019'" classify --input "$tmp/semi.csv" --year 2019 --rules 2019
expect_fail "bad format" 2 "helhed: --format: expected csv or json, not 'xlsx'" classify --input "$tmp/semi.csv" --year 2019 --format xlsx
expect_fail "before 2010" 2 "helhed: there are no area lists before 2010: --year 2008 needs --rules" classify --input "$tmp/early.csv" --year 2008
expect_fail "option without value" 2 "helhed: option '--history' needs a value" classify --input "$tmp/semi.csv" --year 2019 --history
expect_fail "unknown option" 2 "helhed: unknown option '--dry-run'" classify --input "$tmp/semi.csv" --year 2019 --dry-run
"$bin" lists --help >"$tmp/lists-help.txt"; grep -q "^Usage: helhed lists classify --input FILE --year Y" "$tmp/lists-help.txt" && ok || bad "lists --help"
"$bin" --help | grep -q '^  lists ' && ok || bad "lists not in the command list"

[ ! -e "$tmp/never.db" ] && ok || bad "a database was created"
echo "lists: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
