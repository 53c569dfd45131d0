# The ready-to-copy CI jobs of docs/ci/: each file parses (YAML, JSON), has
# the three triggers the README promises, and the commands it runs exist
# and succeed, run as written, on a git clone of the tests' own show. The
# GitHub matcher turns podpub's real messages into annotations.
. tests/e2e/lib.sh

ci=$REPO/docs/ci
py=/usr/bin/python3

# A clone as CI checks it out: everything committed.
show=$work/show
copy_show "$show"
git -C "$show" init -q
git -C "$show" add -A
git -C "$show" -c user.name=ci -c user.email=ci@example.invalid commit -q -m show

# Every command a job runs, one per line: "FILE<TAB>JOB<TAB>COMMAND".
expect "the CI files parse and have their jobs" $py - "$ci" "$work/commands" <<'PY'
import json, sys, yaml
ci, out = sys.argv[1], sys.argv[2]
lines = []

gh = yaml.safe_load(open(ci + "/github/podpub.yml"))
on = gh.get("on", gh.get(True))  # YAML 1.1 reads a bare `on` as true
assert "push" in on and "pull_request" in on, "github: push and pull_request"
assert on["schedule"][0]["cron"].split()[1:] == ["*"] * 4, "github: hourly schedule"
assert set(gh["jobs"]) == {"validate", "publish"}, gh["jobs"].keys()
publish_if = gh["jobs"]["publish"]["if"]
assert "default_branch" in publish_if, "github: publish on the default branch"
# A scheduled event has no repository payload: the schedule is named.
assert "github.event_name == 'schedule'" in publish_if, "github: publish on the schedule"
for name, job in gh["jobs"].items():
    for step in job["steps"]:
        for cmd in step.get("run", "").splitlines():
            lines.append(("github", name, cmd))
for job in gh["jobs"].values():
    for key, value in job.get("env", {}).items():
        assert "secrets." in value or "vars." in value, "github: %s from the store" % key

gl = yaml.safe_load(open(ci + "/gitlab-ci.yml"))
assert gl["stages"] == ["validate", "publish"], gl["stages"]
assert any("CI_DEFAULT_BRANCH" in r.get("if", "") for r in gl["publish"]["rules"])
assert any("schedule" in r.get("if", "") for r in gl["validate"]["rules"])
for name in ("validate", "publish"):
    for cmd in gl["default"]["before_script"] + gl[name]["script"]:
        lines.append(("gitlab", name, cmd))

matcher = json.load(open(ci + "/github/podpub-matcher.json"))
assert len(matcher["problemMatcher"]) == 2
with open(out, "w") as f:
    for where, job, cmd in lines:
        f.write("%s\t%s\t%s\n" % (where, job, cmd))
PY

# Each `make TARGET` the jobs run is a target of the Makefile, and succeeds
# on the clone with this build's podpub. The publish goes to a scratch
# target, as the CI variable PODPUB_TARGET would say.
export PODPUB_TARGET="$work/public"
made=0
while IFS="$(printf '\t')" read -r where job cmd; do
	case $cmd in
	make\ *)
		target=$(echo "$cmd" | awk '{ print $2 }')
		expect "$where $job: 'make $target' is a Makefile target" grep -q "^$target:" "$REPO/Makefile"
		case $target in
		validate | publish | feed)
			expect_status 0 "$where $job: $cmd" \
				sh -c "cd '$REPO' && $cmd SHOW='$show' PODPUB='$PODPUB'"
			made=$((made + 1))
			;;
		esac
		;;
	*'date -u'*)
		# The one time for the run: GitHub's form writes NAME=VALUE to
		# $GITHUB_ENV, GitLab's exports it.
		GITHUB_ENV=$work/github_env
		export GITHUB_ENV
		: >"$GITHUB_ENV"
		eval "$cmd"
		[ -s "$GITHUB_ENV" ] && NOW=$(sed -n 's/^NOW=//p' "$GITHUB_ENV")
		export NOW
		expect "$where $job: NOW is a time podpub reads ($NOW)" \
			"$PODPUB" build --repo "$show" --now "$NOW" --output "$work/now.xml"
		;;
	esac
done <"$work/commands"
expect "the jobs run make validate and make publish (4 or more)" [ "$made" -ge 4 ]
expect "a publish reached the target" [ -s "$work/public/feed.xml" ]

# The matcher's patterns on real messages: an error and a warning with a
# line become annotations on the episode file; a note does not.
sed -i 's/^date: .*/date: 2025-02-30/' "$show/episodes/jarjestoavustukset-osa-1/episode.md"
"$PODPUB" build --repo "$show" >/dev/null 2>"$work/messages"
printf 'podpub: episodes/x/episode.md:4: warning: something odd\npodpub: episodes/x/episode.md: note: a draft\n' >>"$work/messages"
expect "the matcher annotates errors and warnings, not notes" $py - "$ci/github/podpub-matcher.json" "$work/messages" <<'PY'
import json, re, sys
matchers = json.load(open(sys.argv[1]))["problemMatcher"]
found = []
for line in open(sys.argv[2]).read().splitlines():
    for m in matchers:
        p = m["pattern"][0]
        hit = re.match(p["regexp"], line)
        if hit:
            found.append((m["severity"], hit.group(p["file"]), hit.group(p["line"]),
                          hit.group(p["message"])))
want_error = [f for f in found if f[0] == "error" and f[1].endswith(
    "episodes/jarjestoavustukset-osa-1/episode.md") and f[2] == "3"
    and f[3].startswith("'date': no such day")]
assert want_error, found
assert ("warning", "episodes/x/episode.md", "4", "something odd") in found, found
assert not [f for f in found if "draft" in f[3]], found
assert len(found) == 2, found
PY

done_testing
