# limits: time=300 memory=4096
# Strangers' bytes cost bounded time and memory: podcast.yaml, episode.md
# and feeds that are too large, too deep, too wide or that declare entities
# end within seconds with exit status 2 and a message that says why, never
# exit 4 ("out of memory") or a hang. Inputs are made here, not committed.
. tests/e2e/lib.sh

show=$work/show
copy_show "$show"
ep1=$show/episodes/jarjestoavustukset-osa-1

py() { /usr/bin/python3 -c "$@"; }

# Sizes are checked before a file is read whole.
cp "$show/podcast.yaml" "$work/podcast.yaml"
py "open('$show/podcast.yaml','a').write('#' * (5 << 20) + '\n')"
expect_bounded 2 "podcast.yaml of 5 MiB: exit 2" 20 1024 "$PODPUB" build --repo "$show"
expect_stderr "podcast.yaml of 5 MiB: says too large" "podcast.yaml: show config too large: "
cp "$work/podcast.yaml" "$show/podcast.yaml"

cp "$ep1/episode.md" "$work/episode.md"
py "open('$ep1/episode.md','a').write('x' * (5 << 20))"
expect_bounded 2 "episode.md of 5 MiB: exit 2" 20 1024 "$PODPUB" build --repo "$show"
expect_stderr "episode.md of 5 MiB: says too large" "episode.md too large"
cp "$work/episode.md" "$ep1/episode.md"

truncate -s 65M "$work/huge.xml"
expect_bounded 2 "feed of 65 MiB: exit 2 before reading it" 20 1024 "$PODPUB" lint "$work/huge.xml"
expect_stderr "feed of 65 MiB: says too large" "feed too large: 68157440 bytes, more than the 64 MiB podpub reads"

# YAML nested a million deep: libyaml alone would take hours.
py "open('$show/podcast.yaml','a').write('x: ' + '[' * 1000000 + ']' * 1000000 + '\n')"
expect_bounded 2 "YAML a million deep: exit 2" 20 1024 "$PODPUB" build --repo "$show"
expect_stderr "YAML a million deep: says so with its line" "podcast.yaml:28: invalid YAML: nested deeper than 64 levels"
cp "$work/podcast.yaml" "$show/podcast.yaml"

# XML: each case a finding under its rule, exit 2.
lint_case() {
	name=$1
	message=$2
	expect_bounded 2 "$name: exit 2" 30 1536 "$PODPUB" lint "$work/case.xml"
	if grep -qF -- "$message" "$work/stdout"; then
		ok "$name: says '$message'"
	else
		not_ok "$name: says '$message'"
		indent "$work/stdout" 5
	fi
}
py "
e = ''.join('<!ENTITY e%d \"%s\">' % (i, '&e%d;' % (i - 1) * 10 if i else 'lol' * 10) for i in range(10))
open('$work/case.xml', 'w').write('<?xml version=\"1.0\"?>\n<!DOCTYPE rss [' + e + ']>\n<rss version=\"2.0\"><channel><title>&e9;</title></channel></rss>')"
lint_case "billion laughs" "declares an entity: podpub does not expand them [xml-no-entities]"
py "open('$work/case.xml', 'w').write('<rss version=\"2.0\"><channel><a ' + ' '.join('a%d=\"\"' % i for i in range(200000)) + '/></channel></rss>')"
lint_case "200000 attributes" "an element has 200000 attributes, more than the 256 podpub reads [xml-limits]"
py "open('$work/case.xml', 'w').write('<rss version=\"2.0\"><channel>' + '<a/>\n' * 12000000 + '</channel></rss>')"
lint_case "12 million elements in 60 MB" "feed has 12000002 elements, more than the 500000 podpub reads [xml-limits]"
py "open('$work/case.xml', 'w').write('<rss version=\"2.0\">' + '<a>' * 300 + '</a>' * 300 + '</rss>')"
lint_case "300 deep" "Excessive depth in document: 256"
py "open('$work/case.xml', 'w').write('<rss version=\"2.0\"><channel><title>' + 'x' * 20000000 + '</title></channel></rss>')"
lint_case "a 20 MB text node" "a text node of 20000000 bytes, more than the 8 MiB podpub reads [xml-limits]"
py "open('$work/case.xml', 'wb').write(b'<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>J\xe4rjest\xf6</title></channel></rss>')"
lint_case "Latin-1 bytes declared UTF-8" "Input is not proper UTF-8"
py "open('$work/case.xml', 'wb').write(b'\xff\xfe' + '<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"/>'.encode('utf-16-le'))"
lint_case "UTF-16 bytes declared UTF-8" "document declares UTF-8 but its bytes are UTF-16 [xml-encoding]"

# A live feed on the target that declares entities is not read: publish
# warns that it cannot compare identities, and goes on.
expect_status 0 "baseline publish" "$PODPUB" publish --repo "$show"
py "
e = ''.join('<!ENTITY e%d \"%s\">' % (i, '&e%d;' % (i - 1) * 10 if i else 'lol' * 10) for i in range(10))
open('$show/public/feed.xml', 'w').write('<!DOCTYPE rss [' + e + ']><rss version=\"2.0\"><channel><item><guid>&e9;</guid></item></channel></rss>')"
expect_bounded 0 "live feed with entities: publish goes on" 30 1024 "$PODPUB" publish --repo "$show"
expect_stderr "live feed with entities: warns" "earlier feed is unreadable"

done_testing
