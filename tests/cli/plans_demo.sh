#!/usr/bin/env bash
# cli/plans_demo.sh HELHED_BIN sqlite|postgres - the demo plans: plan 1 (the
# plan_staff:1 login's plan) covers 101-1 and area BO-0101-1 with versions and
# an expiring cooperation agreement; exactly the 27 plans of source 002's
# Table 1 in round 2011-2014 with their periods and municipalities (Brøndby
# Strand in 0153) and Sundhed among their focus areas; every state occurs;
# the budget rules hold (4·lbf ≤ 3·total for social plans, local co-financing ≥ 25 % from 2011, no LBF spending
# without municipal approval in the history); histories run in date order and
# end in the plan's state; each plan covers departments of its municipality;
# loading again gives the same data; the small demo stays quick.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-plans-demo.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
# q SQL: rows of the query, fields separated by '|'.
q() {
  if [ "$kind" = sqlite ]; then sqlite3 "${db#sqlite:}" "$1"; else psql -qAt -v ON_ERROR_STOP=1 "$db" -c "$1"; fi
}
today=$(date -u +%F)

start=$(date +%s.%N)
"$bin" demo --db "$db" >/dev/null
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
echo "small demo with plans: $seconds s"
# Printed for the log only: timings are measured in bench/, never asserted in tests.

# ---- plan 1 ----
[ "$(q "SELECT name || '|' || type || '|' || municipality_code || '|' || funding_round || '|' || state FROM plan WHERE id = 1")" = \
  "Demoparken – sammen om fremtiden|social|0101|2019-2026|running" ] && ok || bad "plan 1: $(q "SELECT * FROM plan WHERE id = 1")"
[ "$(q "SELECT COUNT(*) FROM plan_department pd JOIN department d ON d.id = pd.department_id
        WHERE pd.plan_id = 1 AND d.org_no = 101 AND d.department_no = 1")" = 1 ] && ok || bad "plan 1 does not cover 101-1"
[ "$(q "SELECT COUNT(*) FROM plan_area pa JOIN housing_area a ON a.id = pa.area_id WHERE pa.plan_id = 1 AND a.code = 'BO-0101-1'")" = 1 ] &&
  ok || bad "plan 1 does not cover BO-0101-1"
[ "$(q "SELECT COUNT(*) FROM plan_organisation WHERE plan_id = 1 AND org_no = 101")" = 1 ] && ok || bad "plan 1 without organisation 101"
[ "$(q "SELECT COUNT(*) FROM plan_version WHERE plan_id = 1")" = 2 ] && ok || bad "plan 1 should have the application and a revision"
# The revision (version 2) changed a focus area, the budget and a goal; payments came after it.
v1=$(q "SELECT snapshot FROM plan_version WHERE plan_id = 1 AND version = 1")
v2=$(q "SELECT snapshot FROM plan_version WHERE plan_id = 1 AND version = 2")
grep -q '"Sammenhængskraft og medborgerskab"' <<<"$v1" && ! grep -q '"Kriminalitetsforebyggelse"' <<<"$v1" &&
  grep -q '"Kriminalitetsforebyggelse"' <<<"$v2" && ! grep -q '"Sammenhængskraft og medborgerskab"' <<<"$v2" && ok ||
  bad "plan 1's revision does not change a focus area"
grep -q '"meeting_turnout"' <<<"$v1" && grep -q '"police_reports_per_1000"' <<<"$v2" && ! grep -q '"meeting_turnout"' <<<"$v2" &&
  ok || bad "plan 1's revision does not change the goals"
[ "$(grep -o '"budget_ore":[0-9]*' <<<"$v1" | sort)" != "$(grep -o '"budget_ore":[0-9]*' <<<"$v2" | sort)" ] && ok ||
  bad "plan 1's revision does not change the budget"
grep -qE '"spent_ore":[1-9]' <<<"$v2" && bad "plan 1's version 2 holds payments booked after it" || ok
[ "$(q "SELECT COUNT(*) FROM plan_budget WHERE plan_id = 1 AND source = 'lbf' AND spent_ore > 0")" -ge 3 ] && ok ||
  bad "plan 1 has no LBF payments"
[ "$(q "SELECT COUNT(*) FROM plan_goal WHERE plan_id = 1")" -ge 3 ] && ok || bad "plan 1 has too few goals"
[ "$(q "SELECT COUNT(*) FROM plan_member WHERE plan_id = 1 AND steering = 1")" -ge 3 ] && ok || bad "plan 1 steering group"
[ "$(q "SELECT COUNT(*) FROM plan_member WHERE plan_id = 1 AND steering = 0 AND email = 'planmedarbejder@helhed.example'")" = 1 ] &&
  ok || bad "plan 1's team lacks the plan staff login"
[ "$(q "SELECT COUNT(*) FROM plan_agreement WHERE plan_id = 1 AND kind = 'strategic'")" = 1 ] && ok || bad "plan 1 strategic agreement"
[ "$(q "SELECT COUNT(*) FROM plan_agreement a JOIN plan_focus f ON f.plan_id = a.plan_id AND f.focus = a.focus
        WHERE a.plan_id = 1 AND a.kind = 'sub'")" = 3 ] && ok || bad "plan 1 needs a sub-agreement per focus area"
[ "$(q "SELECT COUNT(*) FROM plan_cooperation WHERE plan_id = 1 AND valid_to >= '$today'
        AND valid_to <= '$(date -u -d '+60 days' +%F)'")" -ge 1 ] && ok || bad "plan 1 has no cooperation agreement expiring within 60 days"

# ---- Table 1 (002:L1225-1290) ----
cat >"$tmp/table1" <<'EOF'
5M Mennesker på Motalavej|2013-01-01|2016-12-31|0330
Sydbyen – udvikling i fællesskab|2014-01-01|2017-12-31|0330
På spring for fremtiden|2015-01-01|2017-12-31|0330
Østre Park – Magrethevænget|2014-01-01|2017-12-31|0376
ReStart Lindholm – tager ansvar!|2013-01-01|2017-12-31|0376
Greve Nord Projektet|2014-01-01|2016-12-31|0253
Fællesskab i Vangkvarteret|2014-01-01|2017-12-31|0316
Rødbyhavn|2014-01-01|2017-12-31|0360
Tingbjerg|2012-01-01|2016-12-31|0101
Beboerprojekt Puls|2014-01-01|2017-12-31|0101
Brøndby Strand for fremtiden|2012-01-01|2016-12-31|0153
Sammen om Sydhavnen|2013-01-01|2016-12-31|0101
Rammen om det gode liv: Høje Tøpholm og Degnemarken|2012-01-01|2016-12-31|0260
Et trygt Maglehøj|2012-01-01|2016-12-31|0260
Løget|2013-01-01|2016-12-31|0630
Nørremarken|2013-01-01|2016-12-31|0630
Bydelsprojekt 3i1|2012-01-01|2016-12-31|0561
Korskærparken og Sønderparken|2014-01-01|2018-12-31|0607
Vollsmose|2012-01-01|2016-12-31|0461
Boulevardbebyggelserne i Varde|2013-01-01|2017-12-31|0573
Trigeparken|2014-01-01|2018-12-31|0751
Herredsvang|2014-01-01|2017-12-31|0751
Byens bedste naboskab|2014-01-01|2017-12-31|0751
Fælles om Frydenlund|2014-01-01|2017-12-31|0751
Randers Nordby|2013-01-01|2017-12-31|0730
Afd. 5 Grønnegården og Afd. 6 Skelagergårdene|2013-01-01|2017-12-31|0851
Kvarterets hus i Løvvangen|2012-01-01|2017-12-31|0851
EOF
q "SELECT name || '|' || start_date || '|' || end_date || '|' || municipality_code FROM plan
   WHERE funding_round = '2011-2014' ORDER BY name" >"$tmp/got"
LC_ALL=C sort "$tmp/table1" >"$tmp/want"
LC_ALL=C sort "$tmp/got" >"$tmp/got.sorted"
cmp -s "$tmp/want" "$tmp/got.sorted" && ok || bad "round 2011-2014 is not exactly Table 1: $(diff "$tmp/want" "$tmp/got.sorted" | head -6)"
[ "$(q "SELECT municipality_code FROM plan WHERE name = 'Brøndby Strand for fremtiden'")" = 0153 ] && ok ||
  bad "Brøndby Strand for fremtiden is not in Brøndby (0153)"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.funding_round = '2011-2014' AND p.type = 'social' AND EXISTS
        (SELECT 1 FROM plan_focus f WHERE f.plan_id = p.id AND f.focus = 'Sundhed')
        AND (SELECT COUNT(*) FROM plan_focus f WHERE f.plan_id = p.id) BETWEEN 2 AND 4")" = 27 ] && ok ||
  bad "not every Table 1 plan has Sundhed and 1-3 other focus areas"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.funding_round = '2011-2014' AND p.state IN ('closed', 'anchored')")" = 27 ] && ok ||
  bad "Table 1 plans ended by $today must be closed or anchored"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.funding_round = '2011-2014' AND p.state = 'anchored'")" -ge 14 ] && ok ||
  bad "most Table 1 plans should be anchored"
# Goals of Table 1 plans: baselines before the demo figures (2016-) are typed.
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.funding_round = '2011-2014' AND NOT EXISTS
        (SELECT 1 FROM plan_goal g WHERE g.plan_id = p.id)")" = 0 ] && ok || bad "a Table 1 plan without goals"
[ "$(q "SELECT COUNT(*) FROM plan_goal g WHERE g.baseline_year < 2016 AND g.baseline_value IS NULL")" = 0 ] && ok ||
  bad "a goal with a baseline before the key figures but no typed value"
# Each Table 1 plan lies in a housing area named after its estate.
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.funding_round = '2011-2014' AND EXISTS (SELECT 1 FROM plan_area pa
        JOIN housing_area a ON a.id = pa.area_id WHERE pa.plan_id = p.id AND a.name LIKE '% (fiktive tal)'
        AND a.municipality_code = p.municipality_code)")" = 27 ] && ok || bad "Table 1 plans without their estate's area"
[ "$(q "SELECT COUNT(*) FROM housing_area WHERE name IN ('Tingbjerg (fiktive tal)', 'Vollsmose (fiktive tal)')")" = 2 ] && ok ||
  bad "the estates Tingbjerg and Vollsmose are missing"

# ---- every plan ----
states=$(q "SELECT DISTINCT state FROM plan ORDER BY state" | tr '\n' ' ')
[ "$states" = "anchored closed drafting extended grant_committed idea municipal_approval prequalification running " ] && ok ||
  bad "not every state occurs: $states"
[ "$(q "SELECT DISTINCT type FROM plan ORDER BY type" | tr '\n' ' ')" = "health physical social " ] && ok || bad "plan types"
[ "$(q "SELECT COUNT(DISTINCT funding_round) FROM plan WHERE type = 'social'")" = 4 ] && ok || bad "social plans in every round"
generated=$(q "SELECT COUNT(*) FROM plan WHERE id <> 1 AND (funding_round IS NULL OR funding_round <> '2011-2014')")
[ "$generated" -ge 30 ] && [ "$generated" -le 80 ] && ok || bad "$generated generated plans at the small scale (about 40 wanted)"
[ "$(q "SELECT COUNT(*) FROM plan p JOIN plan s ON s.predecessor_id = p.id WHERE p.funding_round = '2011-2014'
        AND s.funding_round = '2015-2018' AND EXISTS (SELECT 1 FROM plan_area a JOIN plan_area b ON b.area_id = a.area_id
        WHERE a.plan_id = p.id AND b.plan_id = s.id)")" -ge 3 ] && ok || bad "2011-2014 plans with a 2015-2018 successor in the same area"
# Budgets: LBF at most 75 % of a social plan, no LBF payout without municipal approval.
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.type = 'social' AND (SELECT 4 * SUM(CASE WHEN b.source = 'lbf' THEN b.budget_ore ELSE 0 END)
        - 3 * SUM(b.budget_ore) FROM plan_budget b WHERE b.plan_id = p.id) > 0")" = 0 ] && ok || bad "a social plan over 75 % LBF"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.type = 'social' AND p.funding_round <> '2006-2010' AND (SELECT
        4 * SUM(CASE WHEN b.source IN ('municipality', 'organisation', 'region') THEN b.budget_ore ELSE 0 END)
        - SUM(b.budget_ore) FROM plan_budget b WHERE b.plan_id = p.id) < 0")" = 0 ] && ok ||
  bad "a social plan from 2011 on under 25 % local co-financing"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE NOT EXISTS (SELECT 1 FROM plan_budget b WHERE b.plan_id = p.id)")" = 0 ] && ok ||
  bad "a plan without a budget"
[ "$(q "SELECT COUNT(*) FROM plan_budget b WHERE b.source = 'lbf' AND b.spent_ore > 0 AND NOT EXISTS
        (SELECT 1 FROM plan_transition t WHERE t.plan_id = b.plan_id AND t.to_state = 'municipal_approval')")" = 0 ] && ok ||
  bad "LBF spending without municipal approval"
[ "$(q "SELECT COUNT(*) FROM plan_budget b WHERE b.spent_ore > 0 AND b.year < (SELECT MIN(CAST(SUBSTR(t.effective, 1, 4) AS INTEGER))
        FROM plan_transition t WHERE t.plan_id = b.plan_id AND t.to_state = 'municipal_approval')")" = 0 ] && ok ||
  bad "spending in a year before the approval"
[ "$(q "SELECT COUNT(*) FROM plan_budget WHERE spent_ore > budget_ore")" = 0 ] && ok || bad "spending above the budget"
# Histories: in date order, none in the future, beginning with the idea and ending in the plan's state.
[ "$(q "SELECT COUNT(*) FROM plan_transition a JOIN plan_transition b ON b.plan_id = a.plan_id AND b.id > a.id
        AND b.effective < a.effective")" = 0 ] && ok || bad "a history out of date order"
[ "$(q "SELECT COUNT(*) FROM plan_transition WHERE effective > '$today'")" = 0 ] && ok || bad "a transition in the future"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.state <> (SELECT t.to_state FROM plan_transition t WHERE t.plan_id = p.id
        ORDER BY t.id DESC LIMIT 1)")" = 0 ] && ok || bad "a plan whose history does not end in its state"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE (SELECT t.to_state FROM plan_transition t WHERE t.plan_id = p.id
        ORDER BY t.id LIMIT 1) <> 'idea'")" = 0 ] && ok || bad "a history that does not begin with the idea"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.state IN ('running', 'extended') AND p.start_date > '$today'")" = 0 ] && ok ||
  bad "a running plan that has not started"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE p.state IN ('closed', 'anchored') AND p.end_date >= '$today'
        AND NOT EXISTS (SELECT 1 FROM plan_transition t WHERE t.plan_id = p.id AND t.from_state IN ('idea', 'prequalification', 'drafting')
        AND t.to_state = 'closed')")" = 0 ] && ok || bad "a closed plan whose period has not ended (and was not given up)"
# Coverage: departments of the plan's municipality, of its organisations.
[ "$(q "SELECT COUNT(*) FROM plan p WHERE NOT EXISTS (SELECT 1 FROM plan_department pd WHERE pd.plan_id = p.id)")" = 0 ] && ok ||
  bad "a plan without departments"
[ "$(q "SELECT COUNT(*) FROM plan_department pd JOIN plan p ON p.id = pd.plan_id JOIN department d ON d.id = pd.department_id
        WHERE d.municipality_code <> p.municipality_code OR NOT EXISTS (SELECT 1 FROM plan_organisation o
        WHERE o.plan_id = p.id AND o.org_no = d.org_no)")" = 0 ] && ok || bad "a department outside the plan's municipality or organisations"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE NOT EXISTS (SELECT 1 FROM plan_member m WHERE m.plan_id = p.id AND m.steering = 1)
        OR NOT EXISTS (SELECT 1 FROM plan_member m WHERE m.plan_id = p.id AND m.steering = 0)")" = 0 ] && ok ||
  bad "a plan without team or steering group"
[ "$(q "SELECT COUNT(*) FROM plan p WHERE EXISTS (SELECT 1 FROM plan_transition t WHERE t.plan_id = p.id AND t.to_state = 'municipal_approval') AND NOT EXISTS
        (SELECT 1 FROM plan_cooperation c WHERE c.plan_id = p.id)")" = 0 ] && ok || bad "an approved plan without partners"
[ "$(q "SELECT COUNT(DISTINCT type) FROM partner")" -ge 8 ] && ok || bad "too few partner types"
# Demo data and early warning: the plans step made no events.
[ "$(q "SELECT COUNT(*) FROM warning_event")" = 0 ] && ok || bad "the demo load left early-warning events"

# ---- loading again: the same data ----
counts() {
  q "SELECT (SELECT COUNT(*) FROM plan) || ' ' || (SELECT COUNT(*) FROM plan_transition) || ' ' || (SELECT COUNT(*) FROM plan_budget)
     || ' ' || (SELECT COUNT(*) FROM plan_goal) || ' ' || (SELECT COUNT(*) FROM partner) || ' ' || (SELECT COUNT(*) FROM plan_cooperation)
     || ' ' || (SELECT COUNT(*) FROM plan_member) || ' ' || (SELECT COUNT(*) FROM housing_area) || ' ' || (SELECT COUNT(*) FROM department)
     || ' ' || (SELECT MIN(id) FROM plan) || ' ' || (SELECT SUM(budget_ore) FROM plan_budget)"
}
before=$(counts)
"$bin" demo --db "$db" >/dev/null
after=$(counts)
[ "$before" = "$after" ] && ok || bad "loading the demo again changed the counts: $before -> $after"
[ "$(q "SELECT name FROM plan WHERE id = 1")" = "Demoparken – sammen om fremtiden" ] && ok || bad "plan 1 after a reload"

echo "plans demo ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
