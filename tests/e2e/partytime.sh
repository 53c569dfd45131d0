# An independent Podcasting 2.0 reader: podcast-partytime (npm), which
# Podcast Index's own apps use, reads the built feed of the test show back and
# must see every podcast: tag podpub wrote, with the same values. A podcast:
# tag this test does not know fails it, so a new one cannot go unchecked.
# The parser is installed by tests/partytime/install.sh (make test-deps).
. tests/e2e/lib.sh

modules=${PODPUB_TEST_CACHE:-/var/cache/podpub-test}/partytime/node_modules
if [ ! -f "$modules/podcast-partytime/package.json" ]; then
	not_ok "podcast-partytime is installed" "not in $modules; run 'make test-deps' (sh tests/partytime/install.sh)"
	done_testing
	exit
fi

show=$work/show
copy_show "$show"
# One more episode with what the frozen show lacks: a transcript of each
# format, one in the show's language, and its own art.
add_episode "$show" tekstit 5
ffmpeg -v error -nostdin -f lavfi -i color=c=teal:s=1400x1400 -frames:v 1 "$show/episodes/tekstit/cover.jpg"
printf 'WEBVTT\n\n00:00.000 --> 00:02.000\nHei\n' >"$show/episodes/tekstit/tekstit.vtt"
printf '1\n00:00:00,000 --> 00:00:02,000\nHello\n' >"$show/episodes/tekstit/tekstit.en.srt"
expect_status 0 "build for partytime" "$PODPUB" build --repo "$show"

check_helper env NODE_PATH="$modules" node - "$show/feed/feed.xml" <<'JS'
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const xml = fs.readFileSync(process.argv[2], "utf8");
let failures = 0;
function check(name, cond, detail) {
	if (!cond) failures++;
	console.log((cond ? "ok - " : "not ok - ") + name);
	if (!cond && detail !== undefined) console.log("#   " + JSON.stringify(detail));
}
const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
	.replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, "&");
// What podpub wrote, read with plain patterns (its output is regular).
const tags = (text, name) => [...text.matchAll(new RegExp(`<podcast:${name}((?: [a-z]+="[^"]*")*)>([^<]*)</podcast:${name}>`, "g"))]
	.map((m) => ({ attrs: Object.fromEntries([...m[1].matchAll(/ ([a-z]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])), text: decode(m[2]) }));
const checked = new Set(["guid", "locked", "person", "season", "episode", "transcript"]);
const written = new Set([...xml.matchAll(/<podcast:([A-Za-z]+)/g)].map((m) => m[1]));
for (const name of written)
	check(`partytime's reading of podcast:${name} is checked here`, checked.has(name));

const feed = parseFeed(xml);
check("partytime parses the feed", !!feed);
if (!feed) process.exit(1);
const channel = xml.slice(0, xml.indexOf("<item>"));
const [guid] = tags(channel, "guid");
const [locked] = tags(channel, "locked");
check("podcast:guid is written", !!guid);
check("podcast:guid", guid && feed.guid === guid.text, [feed.guid, guid && guid.text]);
check("podcast:locked", locked && feed.locked === (locked.text === "yes"), [feed.locked, locked]);
check("podcast:locked owner", locked && feed.podcastOwner === locked.attrs.owner, [feed.podcastOwner, locked && locked.attrs]);

const items = xml.split("<item>").slice(1);
check("partytime sees every item", feed.items.length === items.length, [feed.items.length, items.length]);
items.forEach((text, i) => {
	const item = feed.items[i] || {};
	const n = `item[${i + 1}]`;
	const persons = tags(text, "person");
	const people = item.podcastPeople || [];
	check(`${n} podcast:person count`, people.length === persons.length, [people.length, persons.length]);
	persons.forEach((p, j) => {
		const q = people[j] || {};
		check(`${n} podcast:person[${j + 1}] name`, q.name === p.text, [q.name, p.text]);
		check(`${n} podcast:person[${j + 1}] role`, (q.role || "").toLowerCase() === (p.attrs.role || "host"), [q.role, p.attrs.role]);
		check(`${n} podcast:person[${j + 1}] group`, (q.group || "").toLowerCase() === (p.attrs.group || "cast"), [q.group, p.attrs.group]);
	});
	const [season] = tags(text, "season");
	const [episode] = tags(text, "episode");
	if (season)
		check(`${n} podcast:season`, item.podcastSeason && item.podcastSeason.number === Number(season.text), [item.podcastSeason, season.text]);
	if (episode)
		check(`${n} podcast:episode`, item.podcastEpisode && item.podcastEpisode.number === Number(episode.text), [item.podcastEpisode, episode.text]);
	check(`${n} has podcast:season and podcast:episode`, !!season && !!episode);
	// partytime's names of the transcript types
	const types = { "text/vtt": "text/vtt", "application/x-subrip": "application/srt" };
	const transcripts = [...text.matchAll(/<podcast:transcript((?: [a-z]+="[^"]*")*)\/>/g)]
		.map((m) => Object.fromEntries([...m[1].matchAll(/ ([a-z]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])])));
	const read = item.podcastTranscripts || [];
	check(`${n} podcast:transcript count`, read.length === transcripts.length, [read.length, transcripts.length]);
	transcripts.forEach((t, j) => {
		const r = read[j] || {};
		check(`${n} podcast:transcript[${j + 1}] url`, r.url === t.url, [r.url, t.url]);
		check(`${n} podcast:transcript[${j + 1}] type`, r.type === types[t.type], [r.type, t.type]);
		check(`${n} podcast:transcript[${j + 1}] language`, r.language === t.language, [r.language, t.language]);
		check(`${n} podcast:transcript[${j + 1}] rel`, r.rel === t.rel, [r.rel, t.rel]);
	});
	const image = (text.match(/<itunes:image href="([^"]*)"\/>/) || [])[1];
	check(`${n} itunes:image`, item.itunesImage === (image === undefined ? undefined : decode(image)), [item.itunesImage, image]);
	if (i === 0) {
		check("the new episode has both transcripts", transcripts.length === 2, transcripts);
		check("the new episode has its own art", !!image);
	}
});
process.exit(failures ? 1 : 0);
JS

done_testing
