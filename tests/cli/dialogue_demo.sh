#!/usr/bin/env bash
# cli/dialogue_demo.sh HELHED_BIN sqlite|postgres - the demo steering
# dialogues: deadlines for every municipality with departments for four
# years, definitions for every organisation, a dialogue for every
# organisation x municipality pair for three years in every state, the
# boligorganisation@/kommune@ pair (101 x 0101) preparing this year after a
# published dialogue with goals last year, published dialogues with meeting
# date and minutes, answers on the scale 1-4 that follow early warning,
# every submitted dialogue fully answered with SWOTs for its confirmed
# departments, goals with target years after their dialogue's, nothing in
# the future, the same numbers when loaded again the same day. On SQLite
# also the national scale: organisation 990 with 110-130 departments in one
# municipality, in dialogues like the others.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-dlg-demo.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
q() {
  if [ "$kind" = sqlite ]; then sqlite3 "${db#sqlite:}" "$1"; else psql -qAt -v ON_ERROR_STOP=1 "$db" -c "$1"; fi
}
today=$(date -u +%F)
year=$(date -u +%Y)
last=$((year - 1))

start=$(date +%s.%N)
"$bin" demo --db "$db" >/dev/null
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
echo "small demo with dialogues ($kind): $seconds s"
# The plans step dominates on PostgreSQL (~12 s on a busy machine); this step adds ~0.3 s there, ~0.05 s on SQLite.
# Printed for the log only: timings are measured in bench/, never asserted in tests.


# ---- deadlines and definitions ----
munis=$(q "SELECT COUNT(DISTINCT municipality_code) FROM department")
[ "$(q "SELECT COUNT(*) FROM dialogue_deadline WHERE year BETWEEN $((year - 3)) AND $year")" = $((munis * 4)) ] && ok ||
  bad "deadlines are not four years for each of $munis municipalities"
[ "$(q "SELECT COUNT(*) FROM dialogue_deadline WHERE remind_days NOT BETWEEN 14 AND 30 OR SUBSTR(deadline, 1, 4) <> CAST(year AS TEXT)")" = 0 ] &&
  ok || bad "deadlines outside their year or reminders outside 14-30 days"
[ "$(q "SELECT COUNT(*) FROM organisation o WHERE (SELECT COUNT(DISTINCT question) FROM org_definition d WHERE d.org_no = o.org_no) <> 4")" = 0 ] &&
  ok || bad "organisations without all four definitions"
[ "$(q "SELECT COUNT(DISTINCT org_no) FROM org_definition WHERE year_from = $last")" -ge 2 ] && ok || bad "no definition changed last year"

# ---- the dialogues ----
pairs=$(q "SELECT COUNT(*) FROM (SELECT org_no, municipality_code FROM department GROUP BY org_no, municipality_code) x")
for y in $((year - 2)) $last $year; do
  [ "$(q "SELECT COUNT(*) FROM dialogue WHERE year = $y")" = "$pairs" ] && ok || bad "not every pair has a dialogue in $y"
done
for s in preparing submitted returned meeting_held published; do
  [ "$(q "SELECT COUNT(*) FROM dialogue WHERE state = '$s'")" -ge 1 ] && ok || bad "no dialogue in state $s"
done
[ "$(q "SELECT COUNT(*) FROM dialogue WHERE year < $year AND state NOT IN ('meeting_held', 'published')")" = 0 ] && ok ||
  bad "earlier years not done"
[ "$(q "SELECT COUNT(*) FROM dialogue WHERE year = $year AND state NOT IN ('preparing', 'submitted', 'returned')")" = 0 ] && ok ||
  bad "this year's dialogues past the meeting"
# The pair of the demo logins.
[ "$(q "SELECT state FROM dialogue WHERE org_no = 101 AND municipality_code = '0101' AND year = $year")" = preparing ] && ok ||
  bad "101 x 0101 is not preparing this year"
[ "$(q "SELECT state FROM dialogue WHERE org_no = 101 AND municipality_code = '0101' AND year = $last")" = published ] && ok ||
  bad "101 x 0101 was not published last year"
ndep=$(q "SELECT COUNT(*) FROM department WHERE org_no = 101 AND municipality_code = '0101'")
full=$(q "SELECT COUNT(*) FROM (SELECT a.department_id FROM dialogue_answer a JOIN dialogue g ON g.id = a.dialogue_id
          WHERE g.org_no = 101 AND g.municipality_code = '0101' AND g.year = $year AND a.score IS NOT NULL GROUP BY a.department_id HAVING COUNT(*) = 7) x")
[ "$full" -ge $((ndep / 2 + 1)) ] && [ "$full" -lt "$ndep" ] && ok || bad "101 x 0101 this year: $full of $ndep departments answered"
[ "$(q "SELECT COUNT(*) FROM dialogue_goal o JOIN dialogue g ON g.id = o.dialogue_id WHERE g.org_no = 101 AND g.municipality_code = '0101' AND g.year = $last
        AND o.key_figure IS NOT NULL")" -ge 1 ] && ok || bad "101 x 0101 has no goals with key figures last year"
[ "$(q "SELECT COUNT(*) FROM dialogue_selection s JOIN dialogue g ON g.id = s.dialogue_id WHERE g.org_no = 101 AND g.municipality_code = '0101'
        AND g.year = $year")" -ge 1 ] && ok || bad "101 x 0101 has no selection this year"
# Meetings and publication.
[ "$(q "SELECT COUNT(*) FROM dialogue WHERE state IN ('meeting_held', 'published') AND (meeting_date IS NULL OR minutes = '' OR meeting_date > '$today')")" = 0 ] &&
  ok || bad "meetings without date or minutes"
[ "$(q "SELECT COUNT(*) FROM dialogue WHERE (state = 'published') <> (published_at IS NOT NULL)")" = 0 ] && ok || bad "published_at does not match the state"
[ "$(q "SELECT COUNT(*) FROM dialogue WHERE state NOT IN ('meeting_held', 'published') AND meeting_date IS NOT NULL")" = 0 ] && ok ||
  bad "meeting dates before the meeting"
# The history: along the workflow, never in the future, ending in the state.
[ "$(q "SELECT COUNT(*) FROM dialogue_transition WHERE effective > '$today'")" = 0 ] && ok || bad "transitions in the future"
[ "$(q "SELECT COUNT(*) FROM dialogue g WHERE g.state <> (SELECT t.to_state FROM dialogue_transition t WHERE t.dialogue_id = g.id ORDER BY t.id DESC LIMIT 1)")" = 0 ] &&
  ok || bad "histories that do not end in the state"
[ "$(q "SELECT COUNT(*) FROM dialogue_transition a JOIN dialogue_transition b ON b.dialogue_id = a.dialogue_id AND b.id > a.id WHERE b.effective < a.effective")" = 0 ] &&
  ok || bad "histories out of date order"
[ "$(q "SELECT COUNT(*) FROM dialogue_transition WHERE NOT ((from_state IS NULL AND to_state = 'preparing') OR (from_state = 'preparing' AND to_state = 'submitted')
        OR (from_state = 'submitted' AND to_state IN ('returned', 'meeting_held')) OR (from_state = 'returned' AND to_state = 'submitted')
        OR (from_state = 'meeting_held' AND to_state = 'published'))")" = 0 ] && ok || bad "transitions outside the workflow"
[ "$(q "SELECT COUNT(*) FROM dialogue_transition WHERE to_state = 'returned' AND comment <> ''")" -ge 1 ] && ok || bad "no return with a comment"
# Answers: on the scale; complete once submitted; SWOTs for the confirmed.
[ "$(q "SELECT COUNT(*) FROM dialogue_answer WHERE score IS NULL OR score NOT BETWEEN 1 AND 4 OR justification = ''")" = 0 ] && ok ||
  bad "answers off the scale or without justification"
[ "$(q "SELECT COUNT(*) FROM dialogue g JOIN department d ON d.org_no = g.org_no AND d.municipality_code = g.municipality_code
        WHERE g.state <> 'preparing' AND (SELECT COUNT(*) FROM dialogue_answer a WHERE a.dialogue_id = g.id AND a.department_id = d.id AND a.score IS NOT NULL) <> 7")" = 0 ] &&
  ok || bad "submitted dialogues with unanswered departments"
[ "$(q "SELECT COUNT(*) FROM dialogue_selection WHERE confirmed = 1 AND (strengths = '' OR weaknesses = '' OR opportunities = '' OR threats = '')")" = 0 ] &&
  ok || bad "confirmed selections without a SWOT"
[ "$(q "SELECT COUNT(*) FROM dialogue_selection s JOIN dialogue g ON g.id = s.dialogue_id WHERE g.state <> 'preparing' AND s.confirmed = 1")" -ge 10 ] &&
  ok || bad "too few confirmed selections"
[ "$(q "SELECT COUNT(*) FROM dialogue_selection WHERE proposed = 1 AND (rules = '' OR reasons = '')")" = 0 ] && ok || bad "proposals without rules or reasons"
# The scores follow the data: departments in alarm score lower on the social question than stable ones.
avg() {
  q "SELECT CAST(ROUND(100 * AVG(a.score)) AS INTEGER) FROM dialogue_answer a JOIN dialogue g ON g.id = a.dialogue_id
     JOIN warning_status w ON w.level = 'department' AND w.unit_id = a.department_id
     AND w.year = (SELECT MAX(year) FROM warning_status) WHERE g.year = $year AND a.item = 'social' AND w.status = '$1'"
}
alarm=$(avg alarm) stable=$(avg stable)
[ -n "$alarm" ] && [ "$alarm" -lt "$stable" ] && ok || bad "social scores: alarm ${alarm:-none}, stable $stable"
[ "$(q "SELECT COUNT(*) FROM dialogue_selection s JOIN dialogue g ON g.id = s.dialogue_id JOIN warning_status w ON w.level = 'department'
        AND w.unit_id = s.department_id AND w.year = (SELECT MAX(year) FROM warning_status) AND w.status = 'alarm' WHERE g.year = $year")" -ge 1 ] &&
  ok || bad "no alarm department selected this year"
# Goals: after their dialogue's year, tied to figures, followed up.
[ "$(q "SELECT COUNT(*) FROM dialogue_goal o JOIN dialogue g ON g.id = o.dialogue_id WHERE o.target_year <= g.year")" = 0 ] && ok ||
  bad "goals with target years not after their dialogue's"
[ "$(q "SELECT COUNT(*) FROM dialogue_goal o JOIN dialogue g ON g.id = o.dialogue_id WHERE g.year = $last AND o.target_year = $year")" -ge 5 ] &&
  ok || bad "too few goals last year"
[ "$(q "SELECT COUNT(*) FROM dialogue_goal o JOIN dialogue g ON g.id = o.dialogue_id WHERE g.year = $((year - 2)) AND o.follow_up LIKE 'Målet er nået%'")" -ge 1 ] &&
  ok || bad "no goal met"
[ "$(q "SELECT COUNT(*) FROM dialogue_goal o JOIN dialogue g ON g.id = o.dialogue_id WHERE g.year = $((year - 2)) AND o.follow_up LIKE 'Målet er ikke nået%'")" -ge 1 ] &&
  ok || bad "no goal missed"
[ "$(q "SELECT COUNT(*) FROM dialogue_goal WHERE key_figure IS NOT NULL AND key_figure NOT IN (SELECT code FROM key_figure)")" = 0 ] && ok ||
  bad "goals tied to unknown figures"

# ---- loading again: the same numbers ----
numbers() {
  q "SELECT (SELECT COUNT(*) FROM dialogue) || ' ' || (SELECT COUNT(*) FROM dialogue_transition) || ' ' || (SELECT COUNT(*) FROM dialogue_answer)
     || ' ' || (SELECT SUM(score) FROM dialogue_answer) || ' ' || (SELECT COUNT(*) FROM dialogue_selection) || ' ' || (SELECT SUM(confirmed) FROM dialogue_selection)
     || ' ' || (SELECT COUNT(*) FROM dialogue_goal) || ' ' || (SELECT CAST(ROUND(SUM(COALESCE(target_value, 0))) AS INTEGER) FROM dialogue_goal)
     || ' ' || (SELECT COUNT(*) FROM dialogue_deadline) || ' ' || (SELECT COUNT(*) FROM org_definition)
     || ' ' || (SELECT SUM(LENGTH(minutes) + LENGTH(summary)) FROM dialogue)
     || ' ' || (SELECT string_agg(state, ',' ORDER BY org_no, municipality_code, year) FROM dialogue)"
}
if [ "$kind" = sqlite ]; then
  numbers() {
    q "SELECT (SELECT COUNT(*) FROM dialogue) || ' ' || (SELECT COUNT(*) FROM dialogue_transition) || ' ' || (SELECT COUNT(*) FROM dialogue_answer)
       || ' ' || (SELECT SUM(score) FROM dialogue_answer) || ' ' || (SELECT COUNT(*) FROM dialogue_selection) || ' ' || (SELECT SUM(confirmed) FROM dialogue_selection)
       || ' ' || (SELECT COUNT(*) FROM dialogue_goal) || ' ' || (SELECT CAST(ROUND(SUM(COALESCE(target_value, 0))) AS INTEGER) FROM dialogue_goal)
       || ' ' || (SELECT COUNT(*) FROM dialogue_deadline) || ' ' || (SELECT COUNT(*) FROM org_definition)
       || ' ' || (SELECT SUM(LENGTH(minutes) + LENGTH(summary)) FROM dialogue)
       || ' ' || (SELECT group_concat(state, ',') FROM (SELECT state FROM dialogue ORDER BY org_no, municipality_code, year))"
  }
fi
before=$(numbers)
"$bin" demo --db "$db" >/dev/null
after=$(numbers)
[ "$before" = "$after" ] && ok || bad "loading the demo again changed the numbers: $before -> $after"
mkdir -p "$tmp/second"
db2=$(fresh_db_url "$kind" "$tmp/second")
"$bin" demo --db "$db2" >/dev/null
first_db=$db db=$db2
second=$(numbers)
db=$first_db
[ "$second" = "$after" ] && ok || bad "a second database got other numbers: $after -> $second"
echo "dialogues: ${after% *}"

# ---- the national scale (SQLite): the large organisation ----
if [ "$kind" = sqlite ]; then
  db="sqlite:$tmp/national.db"
  start=$(date +%s.%N)
  "$bin" demo --scale national --db "$db" >/dev/null
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  echo "national demo with dialogues: $seconds s"
  big=$(q "SELECT COUNT(*) FROM department WHERE org_no = 990 AND municipality_code = '0751'")
  [ "$big" -ge 110 ] && [ "$big" -le 130 ] && ok || bad "organisation 990 has $big departments in Aarhus"
  [ "$(q "SELECT COUNT(*) FROM department WHERE org_no = 990 AND municipality_code <> '0751'")" = 0 ] && ok || bad "organisation 990 outside Aarhus"
  [ "$(q "SELECT COUNT(DISTINCT name) FROM department WHERE org_no = 990")" = "$big" ] && ok || bad "organisation 990's department names repeat"
  [ "$(q "SELECT COUNT(DISTINCT a.department_id) FROM kf_value a JOIN department d ON d.id = a.department_id WHERE d.org_no = 990")" = "$big" ] &&
    ok || bad "organisation 990's departments lack key figures"
  [ "$(q "SELECT COUNT(*) FROM warning_status w JOIN department d ON d.id = w.unit_id AND w.level = 'department' WHERE d.org_no = 990
          AND w.year = (SELECT MAX(year) FROM warning_status)")" = "$big" ] && ok || bad "organisation 990's departments lack early warning"
  [ "$(q "SELECT COUNT(*) FROM dialogue WHERE org_no = 990")" = 3 ] && ok || bad "organisation 990 lacks dialogues"
  for y in $last $year; do
    [ "$(q "SELECT COUNT(DISTINCT a.department_id) FROM dialogue_answer a JOIN dialogue g ON g.id = a.dialogue_id WHERE g.org_no = 990 AND g.year = $y")" = "$big" ] &&
      ok || bad "organisation 990's dialogue of $y does not answer every department"
  done
  [ "$(q "SELECT state FROM dialogue WHERE org_no = 990 AND year = $year")" = submitted ] && ok || bad "organisation 990 has not submitted this year"
  echo "national: $(q "SELECT COUNT(*) FROM dialogue") dialogues, $(q "SELECT COUNT(*) FROM dialogue_answer") answers; organisation 990: $big departments"
fi

echo "dialogue demo ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
