#!/usr/bin/env bash
# cli/activities_demo.sh HELHED_BIN sqlite|postgres - the demo activities:
# plan 1 ("Demoparken") has at least ten activities from source 002's
# examples across the lifecycle with sessions in three or more years, keyed
# activities whose stored new counts are exact, counts under 5, no session
# in the future, outside its activity's dates or on an exception date,
# participants = Σ counts, involvement for every activity, plan-level
# reflections, outreach, roles, courses and stories for the report; the
# other started plans have activities too; loading again (the plans are
# cleared, activities cascade) gives the same numbers; the demo stays quick.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-act-demo.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
q() {
  if [ "$kind" = sqlite ]; then sqlite3 "${db#sqlite:}" "$1"; else psql -qAt -v ON_ERROR_STOP=1 "$db" -c "$1"; fi
}
today=$(date -u +%F)

start=$(date +%s.%N)
"$bin" demo --db "$db" >/dev/null
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
echo "small demo with activities ($kind): $seconds s"
# Printed for the log only: timings are measured in bench/, never asserted in tests.

# ---- plan 1 ----
n=$(q "SELECT COUNT(*) FROM activity WHERE plan_id = 1")
[ "$n" -ge 10 ] && ok || bad "plan 1 has $n activities"
for name in 'Løbeklubben Demoløberne' 'Fællesspisning i Fælleskøkkenet' 'Mænds Sundhedsdag' 'Sundhedsambassadører' \
  'Babycafé' 'Zumba for kvinder' 'Bydelsmødre'; do
  [ "$(q "SELECT COUNT(*) FROM activity WHERE plan_id = 1 AND name = '$name'")" = 1 ] && ok || bad "plan 1 lacks '$name'"
done
years=$(q "SELECT COUNT(DISTINCT SUBSTR(s.date, 1, 4)) FROM activity_session s JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1")
[ "$years" -ge 3 ] && ok || bad "plan 1 has sessions in $years years"
[ "$(q "SELECT COUNT(*) FROM activity_session WHERE date > '$today'")" = 0 ] && ok || bad "sessions in the future"
[ "$(q "SELECT COUNT(*) FROM activity_session s JOIN activity a ON a.id = s.activity_id
        WHERE s.date < a.first_date OR (a.last_date IS NOT NULL AND s.date > a.last_date)")" = 0 ] && ok ||
  bad "sessions outside their activity's dates"
[ "$(q "SELECT COUNT(*) FROM activity_session s JOIN activity_exception x ON x.activity_id = s.activity_id AND x.date = s.date")" = 0 ] &&
  ok || bad "sessions on exception dates"
[ "$(q "SELECT COUNT(*) FROM activity_session s WHERE participants <> (SELECT COALESCE(SUM(n), 0) FROM session_count c WHERE c.session_id = s.id)
        OR new_participants > participants")" = 0 ] && ok || bad "participants differ from the sum of the counts"
# Keyed activities: one key per participant, and the stored new counts are
# the keys not seen before in the activity.
keyed=$(q "SELECT COUNT(DISTINCT s.activity_id) FROM activity_session s JOIN activity a ON a.id = s.activity_id
           WHERE a.plan_id = 1 AND EXISTS (SELECT 1 FROM session_participant sp WHERE sp.session_id = s.id)")
[ "$keyed" -ge 1 ] && ok || bad "plan 1 has no keyed activity"
[ "$(q "SELECT COUNT(*) FROM activity_session s WHERE EXISTS (SELECT 1 FROM session_participant sp WHERE sp.session_id = s.id)
        AND participants <> (SELECT COUNT(*) FROM session_participant sp WHERE sp.session_id = s.id)")" = 0 ] && ok ||
  bad "keyed sessions whose keys do not match the participants"
[ "$(q "SELECT COUNT(*) FROM activity a WHERE a.plan_id = 1 AND EXISTS (SELECT 1 FROM activity_session s JOIN session_participant sp ON sp.session_id = s.id WHERE s.activity_id = a.id)
        AND (SELECT SUM(new_participants) FROM activity_session s WHERE s.activity_id = a.id)
         <> (SELECT COUNT(DISTINCT sp.participant_id) FROM activity_session s JOIN session_participant sp ON sp.session_id = s.id WHERE s.activity_id = a.id)")" = 0 ] &&
  ok || bad "keyed activities whose new counts are not exact"
[ "$(q "SELECT COUNT(*) FROM participant WHERE plan_id = 1 AND key NOT LIKE 'DP-%'")" = 0 ] && ok || bad "participant keys that are not DP- codes"
small=$(q "SELECT COUNT(*) FROM activity_session s JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1 AND s.participants BETWEEN 1 AND 4")
[ "$small" -ge 5 ] && ok || bad "plan 1 has $small sessions with fewer than 5 participants"
# Men's activities mostly men, the babycafé mostly women and children.
men=$(q "SELECT CAST(100 * SUM(CASE WHEN c.gender = 'male' THEN c.n ELSE 0 END) / SUM(c.n) AS INTEGER) FROM session_count c
         JOIN activity_session s ON s.id = c.session_id JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1 AND a.name = 'Mænds Sundhedsdag'")
[ "$men" -ge 90 ] && ok || bad "Mænds Sundhedsdag: $men % men"
baby=$(q "SELECT CAST(100 * SUM(CASE WHEN c.gender = 'female' OR c.age_band = 'child' THEN c.n ELSE 0 END) / SUM(c.n) AS INTEGER) FROM session_count c
          JOIN activity_session s ON s.id = c.session_id JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1 AND a.name = 'Babycafé'")
[ "$baby" -ge 85 ] && ok || bad "Babycafé: $baby % women or children"
# The lifecycle: ideas, plans, running and the anchoring outcomes, with histories in date order.
[ "$(q "SELECT COUNT(DISTINCT status) FROM activity WHERE plan_id = 1")" -ge 7 ] && ok || bad "plan 1's activities cover too few statuses"
[ "$(q "SELECT COUNT(*) FROM activity a WHERE a.plan_id = 1 AND a.status <> (SELECT l.status FROM activity_status_log l
        WHERE l.activity_id = a.id ORDER BY l.effective DESC, l.id DESC LIMIT 1)")" = 0 ] && ok || bad "status logs do not end in the status"
[ "$(q "SELECT COUNT(*) FROM activity_status_log WHERE effective > '$today'")" = 0 ] && ok || bad "status changes in the future"
[ "$(q "SELECT COUNT(*) FROM activity WHERE plan_id = 1 AND responsible_kind = 'partner'")" -ge 2 ] && ok || bad "no partner-run activity"
[ "$(q "SELECT COUNT(*) FROM activity_partner ap JOIN activity a ON a.id = ap.activity_id WHERE a.plan_id = 1")" -ge 10 ] && ok ||
  bad "plan 1's activities have too few partners"
[ "$(q "SELECT COUNT(DISTINCT kind) FROM activity_tag t JOIN activity a ON a.id = t.activity_id WHERE a.plan_id = 1")" = 4 ] && ok ||
  bad "plan 1 lacks some kind of tag"
[ "$(q "SELECT COUNT(*) FROM activity_exception x JOIN activity a ON a.id = x.activity_id WHERE a.plan_id = 1 AND x.note = 'Juleferie'")" -ge 5 ] &&
  ok || bad "no Christmas exceptions"
# Involvement: every activity, and the plan with its reflections.
[ "$(q "SELECT COUNT(*) FROM activity a WHERE a.plan_id = 1 AND NOT EXISTS (SELECT 1 FROM involvement v WHERE v.activity_id = a.id)")" = 0 ] &&
  ok || bad "plan 1 activities without involvement"
[ "$(q "SELECT COUNT(*) FROM involvement WHERE plan_id = 1 AND activity_id IS NULL AND q_involved <> '' AND q_hard <> ''")" -ge 10 ] && ok ||
  bad "plan 1 lacks plan-level reflections"
# 002 §4.3: implementation involves residents more than knowledge gathering and evaluation.
share() {
  q "SELECT CAST(100 * SUM(CASE WHEN type LIKE 'resident_initiative%' OR type = 'professional_initiative_joint' THEN 1 ELSE 0 END) / COUNT(*) AS INTEGER)
     FROM involvement WHERE activity_id IS NOT NULL AND phase = '$1'"
}
impl=$(share implementation) know=$(share knowledge) eval=$(share evaluation)
[ "$impl" -gt "$know" ] && [ "$impl" -gt "$eval" ] && ok || bad "involvement by phase: implementation $impl, knowledge $know, evaluation $eval"
[ "$(q "SELECT COUNT(*) FROM involvement WHERE hart_rung IS NOT NULL")" -ge 10 ] && ok || bad "no Hart rungs"
# 002 §4.3 in detail: knowledge gathering and evaluation often involve
# residents not at all, planning is mostly staff-led (professionals inform),
# the resident initiative types sit in implementation and anchoring, and
# they grow as a plan matures (residents take over).
pct() { # pct CONDITION WHERE: the share (%) of activity records meeting CONDITION
  q "SELECT CAST(100 * SUM(CASE WHEN $1 THEN 1 ELSE 0 END) / COUNT(*) AS INTEGER) FROM involvement v
     JOIN plan p ON p.id = v.plan_id WHERE v.activity_id IS NOT NULL AND $2"
}
for ph in knowledge evaluation; do
  n=$(pct "v.type = 'none'" "v.phase = '$ph'")
  [ "$n" -ge 30 ] && ok || bad "involvement: only $n % none in $ph"
done
n=$(pct "v.type = 'professionals_inform'" "v.phase = 'planning'")
[ "$n" -ge 35 ] && ok || bad "involvement: professionals inform in only $n % of planning"
ri_in=$(pct "v.type LIKE 'resident_initiative%'" "v.phase IN ('implementation', 'anchoring')")
ri_out=$(pct "v.type LIKE 'resident_initiative%'" "v.phase NOT IN ('implementation', 'anchoring')")
[ "$ri_in" -ge $((2 * ri_out)) ] && ok || bad "resident initiative: $ri_in % in implementation/anchoring, $ri_out % elsewhere"
year0="CAST(SUBSTR(p.start_date, 1, 4) AS INTEGER)"
early=$(pct "v.type LIKE 'resident_initiative%'" "v.year <= $year0 + 1")
late=$(pct "v.type LIKE 'resident_initiative%'" "v.year >= $year0 + 3")
[ "$late" -ge $((early + 5)) ] && ok || bad "involvement does not grow as plans mature: $early % -> $late %"
# Outreach, roles, courses, stories.
[ "$(q "SELECT COUNT(DISTINCT method) FROM outreach WHERE plan_id = 1")" -ge 6 ] && ok || bad "plan 1's outreach uses too few methods"
[ "$(q "SELECT COUNT(*) FROM outreach WHERE date > '$today'")" = 0 ] && ok || bad "outreach in the future"
[ "$(q "SELECT COUNT(*) FROM resident_role_count WHERE plan_id = 1 AND role = 'health_ambassador' AND n > 0")" -ge 1 ] && ok ||
  bad "plan 1 has no health ambassadors"
[ "$(q "SELECT COUNT(*) FROM plan_course WHERE plan_id = 1 AND diploma = 1")" -ge 3 ] && ok || bad "plan 1 has too few diplomas"
[ "$(q "SELECT COUNT(*) FROM activity_story s JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1 AND s.in_report = 1")" -ge 5 ] &&
  ok || bad "plan 1 has too few stories for the report"
[ "$(q "SELECT COUNT(*) FROM activity_story WHERE date > '$today'")" = 0 ] && ok || bad "stories in the future"

# ---- the other plans: data everywhere ----
started=$(q "SELECT COUNT(*) FROM plan WHERE id <> 1 AND state IN ('running', 'extended', 'closed', 'anchored')")
with=$(q "SELECT COUNT(*) FROM plan p WHERE id <> 1 AND state IN ('running', 'extended', 'closed', 'anchored')
          AND EXISTS (SELECT 1 FROM activity a WHERE a.plan_id = p.id)")
[ $((with * 10)) -ge $((started * 9)) ] && ok || bad "only $with of $started started plans have activities"
[ "$(q "SELECT COUNT(*) FROM activity a JOIN plan p ON p.id = a.plan_id WHERE p.state NOT IN ('running', 'extended', 'closed', 'anchored')")" = 0 ] &&
  ok || bad "activities in plans that have not started"
[ "$(q "SELECT COUNT(DISTINCT a.plan_id) FROM activity_session s JOIN activity a ON a.id = s.activity_id")" -ge $((with * 8 / 10)) ] && ok ||
  bad "too few plans with sessions"
[ "$(q "SELECT COUNT(*) FROM activity a JOIN plan p ON p.id = a.plan_id WHERE a.first_date < p.start_date
        OR a.first_date > p.end_date OR a.last_date > p.end_date")" = 0 ] && ok || bad "activities outside their plan's period"
[ "$(q "SELECT COUNT(*) FROM activity a JOIN plan p ON p.id = a.plan_id WHERE a.focus IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM plan_focus f WHERE f.plan_id = a.plan_id AND f.focus = a.focus)")" = 0 ] && ok ||
  bad "activities whose focus area is not their plan's"

# ---- loading again: the same numbers ----
numbers() {
  q "SELECT (SELECT COUNT(*) FROM activity) || ' ' || (SELECT COUNT(*) FROM activity_session) || ' ' || (SELECT SUM(participants) FROM activity_session)
     || ' ' || (SELECT SUM(new_participants) FROM activity_session) || ' ' || (SELECT SUM(volunteers) FROM activity_session)
     || ' ' || (SELECT SUM(n) FROM session_count) || ' ' || (SELECT COUNT(*) FROM participant) || ' ' || (SELECT COUNT(*) FROM session_participant)
     || ' ' || (SELECT COUNT(*) FROM involvement) || ' ' || (SELECT SUM(COALESCE(hart_rung, 0)) FROM involvement)
     || ' ' || (SELECT SUM(contacts) FROM outreach) || ' ' || (SELECT SUM(n) FROM resident_role_count)
     || ' ' || (SELECT SUM(completed) FROM plan_course) || ' ' || (SELECT COUNT(*) FROM activity_story)
     || ' ' || (SELECT COUNT(*) FROM activity_exception) || ' ' || (SELECT COUNT(*) FROM activity_status_log)
     || ' ' || (SELECT COUNT(*) FROM activity_tag) || ' ' || (SELECT COUNT(*) FROM activity_partner)"
}
before=$(numbers)
"$bin" demo --db "$db" >/dev/null
after=$(numbers)
[ "$before" = "$after" ] && ok || bad "loading the demo again changed the numbers: $before -> $after"
# And a second, fresh database loaded the same day.
mkdir -p "$tmp/second"
db2=$(fresh_db_url "$kind" "$tmp/second")
"$bin" demo --db "$db2" >/dev/null
first_db=$db db=$db2
second=$(numbers)
db=$first_db
[ "$second" = "$after" ] && ok || bad "a second database got other numbers: $after -> $second"
plan1() {
  q "SELECT SUM(s.participants) || ' ' || COUNT(*) FROM activity_session s JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1"
}
echo "plan 1 sessions: participants and sessions $(plan1); all: $after"

echo "activities demo ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
