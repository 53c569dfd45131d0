# Publishing to real servers on 127.0.0.1 (started once by tests/run.sh):
# SFTP, FTP, FTPS, WebDAV and S3. For each: the first publish puts the
# local bytes on the server, an unchanged publish sends nothing, a new
# episode sends exactly its audio and the feed, and wrong credentials fail
# with exit 3 and no secret in the output.
. tests/e2e/lib.sh

use_test_servers targets
ftp_user_url=${FTP_URL#ftp://}
ftps_user_url=${FTPS_URL#ftp://}
dav_host=${DAV_URL#https://}

show=$work/show
copy_show "$show"
cat >>"$show/podcast.yaml" <<EOF
targets:
  sftp:
    url: ${SFTP_URL}$run_id/
    ssh_key: $SFTP_KEY
    known_hosts: $SFTP_KNOWN_HOSTS
  ftp:
    url: ftp://$FTP_USER@${ftp_user_url}$run_id/
  ftps:
    url: ftps://$FTP_USER@${ftps_user_url}$run_id-tls/
    ca_file: $CA_FILE
  dav:
    url: https://$DAV_USER@${dav_host}$run_id/
    ca_file: $CA_FILE
  s3:
    url: s3://$S3_BUCKET/$run_id
    endpoint: $S3_ENDPOINT
    region: $S3_REGION
    path_style: true
    ca_file: $CA_FILE
EOF

# The file a target's REMOTE path lands in, on the server's disk.
on_disk() {
	case $1 in
	sftp) echo "$SFTP_ROOT/$run_id/$2" ;;
	ftp) echo "$FTP_ROOT/$run_id/$2" ;;
	ftps) echo "$FTP_ROOT/$run_id-tls/$2" ;;
	dav) echo "$DAV_ROOT/$run_id/$2" ;;
	s3) echo "$S3_DATA/$S3_BUCKET/$run_id/$2$S3_OBJECT_SUFFIX" ;;
	esac
}

# The password each target's user logs in with (S3 takes its keys).
password_of() {
	case $1 in
	sftp | s3) echo "" ;;
	ftp | ftps) echo "$FTP_PASSWORD" ;;
	dav | davdeep) echo "$DAV_PASSWORD" ;;
	esac
}

# The HEAD requests nginx logged for this run's WebDAV folder: a file's
# size asked alone, where a folder's PROPFIND would have told it.
dav_heads() { grep -c "\"HEAD /dav/$run_id/" "$SERVERS_DIR/nginx/access.log"; }
# The SIZE commands vsftpd logged for this run's FTP media folder: a file's
# size asked alone, where the folder's STAT would have told it.
ftp_sizes() { grep -c "FTP command: .*\"SIZE /$run_id/media/" "$SERVERS_DIR/vsftpd/ftp.log"; }

# publish TARGET [OPTIONS...]: podpub publish --json into $work/out.json.
publish() {
	name=$1
	shift
	PODPUB_PASSWORD=$(password_of "$name") "$PODPUB" publish -C "$show" --target "$name" \
		--json "$@" >"$work/out.json" 2>"$work/err"
}

# actions: "action remote" per line of the last --json plan, sorted.
actions() {
	/usr/bin/python3 -c '
import json, sys
for item in json.load(open(sys.argv[1])):
    print(item["action"], item["remote_path"])
' "$work/out.json" | sort
}
# The last plan's actions are all "unchanged".
sends_nothing() { ! actions | grep -v '^unchanged '; }
# The last plan holds the line "ACTION REMOTE".
has_action() { actions | grep -qx "$1"; }

# same_bytes TARGET: every file of the plan is on the server, byte for byte
# (a site page, sent from memory, has no local file: its SHA-256 then).
same_bytes() {
	/usr/bin/python3 -c '
import json, sys
for item in json.load(open(sys.argv[1])):
    print(item["local_path"] or "-", item["remote_path"], item["sha256"])
' "$work/out.json" >"$work/files"
	while read -r local remote sha; do
		if [ "$local" = - ]; then
			[ "$(sha256sum <"$(on_disk "$1" "$remote")" | cut -d' ' -f1)" = "$sha" ]
		else
			cmp -s "$local" "$(on_disk "$1" "$remote")"
		fi || {
			echo "differs: $remote"
			return 1
		}
	done <"$work/files"
}

# check-target: log in, write, read back and remove a probe file, asking
# base_url for it while it is there. Here base_url is where a web host
# serves the WebDAV target's folder (DAV_ROOT, read-only), never the show's
# real host; it is put back after.
cp "$show/podcast.yaml" "$work/podcast.yaml.real"
sed -i "s|^base_url: .*|base_url: ${DAV_PUBLIC_URL}$run_id/|" "$show/podcast.yaml"
for target in sftp ftp ftps dav s3; do
	PODPUB_PASSWORD=$(password_of "$target") "$PODPUB" check-target -C "$show" --target "$target" \
		>"$work/out" 2>"$work/err"
	expect "$target: check-target exits 0" [ $? -eq 0 ]
	expect "$target: check-target says what it did" grep -q 'connected, wrote a file, read it back' "$work/out"
	expect "$target: check-target counts four connections at once" \
		grep -q ': 4 connections at once, as publish makes' "$work/out"
	expect "$target: check-target leaves nothing" sh -c \
		"! find '$(dirname "$(on_disk "$target" feed.xml)")' -name 'podpub-check*' 2>/dev/null | grep -q ."
	if [ "$target" = dav ]; then
		expect "dav: check-target says base_url served its file" \
			grep -q "base_url ${DAV_PUBLIC_URL}$run_id/ served that file while it was there" "$work/out"
		expect "dav: ... and warns of nothing" [ ! -s "$work/err" ]
	else
		expect "$target: base_url (another server's folder) does not serve the target: a warning" \
			grep -q "^podpub: .*podcast.yaml:[0-9]*: warning: base_url '${DAV_PUBLIC_URL}$run_id/'" "$work/err"
	fi
done
# A base_url beside the folder the target writes to: the producer hears
# what the host answered, and where to set it.
sed -i "s|^base_url: .*|base_url: ${DAV_PUBLIC_URL}elsewhere-$run_id/|" "$show/podcast.yaml"
PODPUB_PASSWORD=$(password_of dav) "$PODPUB" check-target -C "$show" --target dav >"$work/out" 2>"$work/err"
expect "dav: a base_url that misses the target still exits 0" [ $? -eq 0 ]
expect "dav: ... with a warning naming base_url's line and what was answered" \
	grep -q "^podpub: .*podcast.yaml:[0-9]*: warning: base_url .* does not serve the target: .* answered HTTP 404.*set base_url" "$work/err"
expect "dav: ... and no word of serving" sh -c "! grep -q 'served that file' '$work/out'"
# A base_url behind a login (here the WebDAV address itself): the public
# would be refused every episode.
sed -i "s|^base_url: .*|base_url: ${DAV_URL}$run_id/|" "$show/podcast.yaml"
PODPUB_PASSWORD=$(password_of dav) "$PODPUB" check-target -C "$show" --target dav >"$work/out" 2>"$work/err"
expect "dav: a base_url behind a login still exits 0" [ $? -eq 0 ]
expect "dav: ... with a warning that the public may not read it" \
	grep -q "warning: base_url .* does not let the public read the target: .* answered HTTP 401" "$work/err"
closed_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PODPUB_PASSWORD=x "$PODPUB" check-target -C "$show" --target "https://$DAV_USER@127.0.0.1:$closed_port/dav/" \
	>"$work/out" 2>"$work/err"
expect "check-target: a host out of reach exits 3" [ $? -eq 3 ]
expect "check-target: a host out of reach is told once" test "$(grep -c . "$work/err")" -eq 1
PODPUB_PASSWORD=wrong "$PODPUB" check-target -C "$show" --target dav >"$work/out" 2>"$work/err"
expect "dav: check-target with a wrong password exits 3" [ $? -eq 3 ]
expect "dav: check-target tells the refused login once, and nothing after it" \
	test "$(grep -c . "$work/err")" -eq 1
expect "dav: check-target says the login was refused" grep -q "refused the login of 'podpub'" "$work/err"
cp "$work/podcast.yaml.real" "$show/podcast.yaml"

# A WebDAV target whose path is missing two folders above its own: they
# are made, as over SFTP and FTP (MKCOL answers 409 until its parent is).
# One has a space (%20 in the URL) and an ä, byte for byte on the server.
cat >>"$show/podcast.yaml" <<EOF
  davdeep:
    url: https://$DAV_USER@${dav_host}$run_id-deep/Jäsenten%20podcast/b/
    ca_file: $CA_FILE
EOF
publish davdeep
expect "dav: a target below missing folders publishes" [ $? -eq 0 ]
expect "dav: ... into the folders it made, named as the URL says" \
	cmp -s "$show/feed/feed.xml" "$DAV_ROOT/$run_id-deep/Jäsenten podcast/b/feed.xml"
sed -i '/^  davdeep:$/,$d' "$show/podcast.yaml"
# A space as it is, pasted from a file manager: no URL holds one.
"$PODPUB" publish -C "$show" --target "ftps://$FTP_USER@${ftps_user_url}My podcast/" >"$work/out" 2>"$work/err"
expect "a URL with a space exits 2" [ $? -eq 2 ]
expect "... and says to write it as %20" grep -q "a URL holds no space: write each one as %20" "$work/err"

# A URL on the command line takes no ca_file: the test CA is not trusted,
# and the message says where it goes (once, whatever failed after it).
for url in "ftps://$FTP_USER@${ftps_user_url}$run_id-untrusted/" "https://$DAV_USER@${dav_host}$run_id-untrusted/"; do
	name=${url%%:*}
	PODPUB_PASSWORD=$(password_of "$([ "$name" = https ] && echo dav || echo ftps)") \
		"$PODPUB" publish -C "$show" --target "$url" >"$work/out" 2>"$work/err"
	expect "$name: a certificate from an unknown CA exits 3" [ $? -eq 3 ]
	expect "$name: the untrusted certificate is told once, with ca_file" \
		test "$(grep -c "certificate is not trusted.*as ca_file in the target" "$work/err")" -eq 1
	expect "$name: no other error follows it" test "$(grep -c . "$work/err")" -eq 1
done

# A folder the FTP user may not write to: the server's own words.
mkdir -p "$FTP_ROOT/$run_id-ro"
chmod 555 "$FTP_ROOT/$run_id-ro"
PODPUB_PASSWORD=$FTP_PASSWORD "$PODPUB" publish -C "$show" \
	--target "ftp://$FTP_USER@${ftp_user_url}$run_id-ro/" >"$work/out" 2>"$work/err"
expect "ftp: a folder that may not be written exits 3" [ $? -eq 3 ]
expect "ftp: ... with the server's words for it" grep -q 'cannot upload: 553 ' "$work/err"
chmod 755 "$FTP_ROOT/$run_id-ro"

"$PODPUB" publish -C "$show" --target ftpp >"$work/out" 2>"$work/err"
expect "a mistyped target name exits 2" [ $? -eq 2 ]
expect "... and says which was meant" grep -q "no target named 'ftpp': did you mean 'ftp'?" "$work/err"
expect "... and makes no folder" [ ! -e "$show/ftpp" ]

new_episode=$show/episodes/jarjestoavustukset-osa-3
for target in sftp ftp ftps dav s3; do
	publish "$target"
	status=$?
	if [ "$status" -ne 0 ]; then
		not_ok "$target: first publish exits 0" "exit status $status"
		indent "$work/err"
		continue
	fi
	ok "$target: first publish exits 0"
	expect "$target: every file sent" sh -c "! grep -v '^sent ' <<EOF
$(actions)
EOF"
	expect "$target: the server holds the local bytes" same_bytes "$target"
	expect "$target: the manifest is there" test -s "$(on_disk "$target" .podpub-manifest.json)"
	expect "$target: no temporary file is left" sh -c \
		"! find '$(dirname "$(on_disk "$target" feed.xml)")' -name '*.podpub-tmp*' | grep -q ."

	heads=$(dav_heads) sizes=$(ftp_sizes)
	publish "$target"
	expect "$target: an unchanged publish exits 0" [ $? -eq 0 ]
	expect "$target: an unchanged publish sends nothing" sends_nothing
	[ "$target" != dav ] ||
		expect "dav: an unchanged publish reads its sizes with no HEAD" [ "$(dav_heads)" = "$heads" ]
	if [ "$target" = ftp ]; then
		expect "ftp: an unchanged publish asks no media file's SIZE" [ "$(ftp_sizes)" = "$sizes" ]
		expect "ftp: the media folder's STAT answers" \
			grep -q "FTP command: .*\"STAT /$run_id/media/\"" "$SERVERS_DIR/vsftpd/ftp.log"
	fi
	# S3 answers for every file with one listing of the prefix, not a HEAD
	# per file: an unchanged publish leaves no line about the media.
	if [ "$target" = s3 ]; then
		s3_lines() { grep -c "$run_id/media/" "$SERVERS_DIR/s3rver/s3rver.log"; }
		before=$(s3_lines)
		publish s3
		expect "s3: an unchanged publish asks about no file alone" [ "$(s3_lines)" = "$before" ]
		expect "s3: one listing of the prefix answers" grep -q "list-type=2&prefix=$run_id%2F" \
			"$SERVERS_DIR/s3rver/s3rver.log"
		# 1001 other objects (written where s3rver keeps them) sort before
		# the show's: the listing takes two pages, the second asked with
		# the first's continuation token, and still answers for all.
		filler=$S3_DATA/$S3_BUCKET/$run_id/a
		mkdir -p "$filler"
		i=0
		while [ $i -le 1000 ]; do
			printf x >"$filler/$i$S3_OBJECT_SUFFIX"
			printf '9dd4e461268c8034f5c8564e155c67a6' >"$filler/$i$S3_OBJECT_SUFFIX.md5"
			printf '{"content-type":"text/plain"}' >"$filler/$i._S3rver_metadata.json"
			i=$((i + 1))
		done
		before=$(s3_lines)
		publish s3
		expect "s3: a listing of two pages answers too" sends_nothing
		expect "s3: ... asking about no file alone" [ "$(s3_lines)" = "$before" ]
		expect "s3: ... the second page asked by its token" grep -q \
			"continuation-token=.*&list-type=2&prefix=$run_id%2F" "$SERVERS_DIR/s3rver/s3rver.log"
		rm -rf "$filler"
	fi

	# A temporary file an earlier publish left (its transfer cut with the
	# server) goes once a publish is through; a name podpub never gives
	# stays. S3 writes no temporary names.
	if [ "$target" != s3 ]; then
		media=$(dirname "$(on_disk "$target" media/x)")
		left=media/jarjestoavustukset-osa-1.mp3.0123456789abcdef.podpub-tmp
		printf 'partial' >"$media/${left#media/}"
		printf 'keep' >"$media/notes.podpub-tmp"
		chown "$(stat -c %U "$media")" "$media/${left#media/}" "$media/notes.podpub-tmp"
		publish "$target" --dry-run
		expect "$target: a dry run names the temporary file left" has_action "would remove $left"
		expect "$target: ... and leaves it" [ -e "$media/${left#media/}" ]
		publish "$target"
		expect "$target: a publish removes the temporary file left" [ ! -e "$media/${left#media/}" ]
		expect "$target: ... and says so" has_action "removed $left"
		expect "$target: ... and keeps a name podpub does not give" [ -e "$media/notes.podpub-tmp" ]
		rm -f "$media/notes.podpub-tmp"
	fi

	# A new episode, the README way: exactly its audio, its page, the index
	# that lists it and the feed go.
	rm -rf "$new_episode"
	cp -R "$show/episodes/jarjestoavustukset-osa-2" "$new_episode"
	mv "$new_episode/jarjestoavustukset-osa-2.mp3" "$new_episode/osa-3.mp3"
	sed -i 's/^title: .*/title: Järjestöavustukset osa 3/; s/^date: .*/date: 2025-05-06 09:00/; s/^episode: .*/episode: 9/' \
		"$new_episode/episode.md"
	publish "$target"
	expect "$target: a new episode publishes" [ $? -eq 0 ]
	actions | grep '^sent ' >"$work/sent"
	printf 'sent %s\n' feed.xml index.html jarjestoavustukset-osa-3/index.html \
		media/jarjestoavustukset-osa-3.mp3 >"$work/want"
	expect "$target: exactly the new episode's files and the feed are sent" \
		test_cmp "$work/want" "$work/sent"
	expect "$target: the new audio is on the server" \
		cmp -s "$new_episode/osa-3.mp3" "$(on_disk "$target" media/jarjestoavustukset-osa-3.mp3)"
	expect "$target: the live feed names it" \
		grep -q 'jarjestoavustukset-osa-3.mp3' "$(on_disk "$target" feed.xml)"
	rm -rf "$new_episode"
	"$PODPUB" build -C "$show" >/dev/null 2>&1 # back to four, for the next target
	# The episode dropped on purpose, and --prune: its audio goes from the
	# server once the feed without it is live.
	publish "$target" --allow-removal --prune
	expect "$target: dropping the episode with --prune exits 0" [ $? -eq 0 ]
	expect "$target: --prune says it removed the audio" \
		has_action "removed media/jarjestoavustukset-osa-3.mp3"
	expect "$target: the audio is gone from the server" \
		[ ! -e "$(on_disk "$target" media/jarjestoavustukset-osa-3.mp3)" ]
	expect "$target: the live feed no longer names it" \
		sh -c "! grep -q 'jarjestoavustukset-osa-3' '$(on_disk "$target" feed.xml)'"
	expect "$target: nor does the manifest" \
		sh -c "! grep -q 'jarjestoavustukset-osa-3.mp3' '$(on_disk "$target" .podpub-manifest.json)'"
done

# Wrong credentials: exit 3, the target and file named, no secret printed.
bad_secret=not-the-secret-$run_id
for target in ftp ftps dav; do
	PODPUB_PASSWORD=$bad_secret "$PODPUB" publish -C "$show" --target "$target" \
		>"$work/out" 2>"$work/err"
	expect "$target: a wrong password exits 3" [ $? -eq 3 ]
	expect "$target: the error names the target" grep -q "target '$target'" "$work/err"
	expect "$target: the error says the login was refused, once" \
		test "$(grep -c "refused the login of '[a-z]*'.*: check the password in PODPUB_PASSWORD" "$work/err")" -eq 1
	expect "$target: no other error follows the refused login" test "$(grep -c . "$work/err")" -eq 1
	expect "$target: the password is never printed" sh -c \
		"! grep -q '$bad_secret' '$work/out' '$work/err'"
	# No password at all, and no ~/.netrc: where to put one.
	mkdir -p "$work/home"
	env -u PODPUB_PASSWORD HOME="$work/home" "$PODPUB" publish -C "$show" --target "$target" \
		>"$work/out" 2>"$work/err"
	expect "$target: no password exits 3" [ $? -eq 3 ]
	expect "$target: no password: the error says where one goes" \
		grep -q "no PODPUB_PASSWORD is set.*machine 127.0.0.1 login [a-z]* password ...' to ~/.netrc" "$work/err"
done
AWS_SECRET_ACCESS_KEY=$bad_secret "$PODPUB" publish -C "$show" --target s3 >"$work/out" 2>"$work/err"
expect "s3: a wrong secret exits 3" [ $? -eq 3 ]
expect "s3: the service's words are shown" grep -q 'SignatureDoesNotMatch' "$work/err"
expect "s3: the error says the keys were refused, and where they come from" \
	grep -q 'refused the keys.*check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY' "$work/err"
expect "s3: the secret is never printed" sh -c "! grep -q '$bad_secret' '$work/out' '$work/err'"
expect "s3: the real secret is never printed" sh -c \
	"! grep -qF '$AWS_SECRET_ACCESS_KEY' '$work/out' '$work/err'"

# SFTP: another key, and a server whose host key is not the one recorded.
ssh-keygen -q -t ed25519 -N '' -f "$work/other_key" </dev/null
sed -i "s|ssh_key: $SFTP_KEY|ssh_key: $work/other_key|" "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target sftp >"$work/out" 2>"$work/err"
expect "sftp: an unknown user key exits 3" [ $? -eq 3 ]
expect "sftp: the error names the refused key" \
	grep -q "refused the login of 'podpubtest' with the key '.*other_key'" "$work/err"
# An RSA key, told by its .pub beside it: the error says outright that it
# is one (Debian's libssh2 cannot sign with RSA against current OpenSSH).
ssh-keygen -q -t rsa -b 2048 -N '' -f "$work/rsa_key" </dev/null
sed -i "s|ssh_key: $work/other_key|ssh_key: $work/rsa_key|" "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target sftp >"$work/out" 2>"$work/err"
expect "sftp: an RSA key exits 3" [ $? -eq 3 ]
expect "sftp: the error says the key is RSA, and what to make instead" \
	grep -q "it is an RSA key, .*ssh-keygen -t ed25519" "$work/err"
sed -i "s|ssh_key: $work/rsa_key|ssh_key: $SFTP_KEY|" "$show/podcast.yaml"
ssh-keygen -q -t ed25519 -N '' -f "$work/fake_host" </dev/null
printf '[127.0.0.1]:%s %s\n' "$SFTP_PORT" "$(cut -d' ' -f1,2 "$work/fake_host.pub")" \
	>"$work/known_hosts"
sed -i "s|known_hosts: $SFTP_KNOWN_HOSTS|known_hosts: $work/known_hosts|" "$show/podcast.yaml"
before=$(tree_digest "$SFTP_ROOT/$run_id")
touch "$show/episodes/jarjestoavustukset-osa-1/episode.md"
"$PODPUB" publish -C "$show" --target sftp >"$work/out" 2>"$work/err"
expect "sftp: a changed host key exits 3" [ $? -eq 3 ]
expect "sftp: a changed host key is named" grep -q 'host key has CHANGED' "$work/err"
expect "sftp: nothing is written past a changed host key" \
	[ "$(tree_digest "$SFTP_ROOT/$run_id")" = "$before" ]
fake=$(ssh-keygen -lf "$work/fake_host.pub" | cut -d' ' -f2)
sed -i "s|known_hosts: $work/known_hosts|host_key: $fake|" "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target sftp >"$work/out" 2>"$work/err"
expect "sftp: a pinned host key that does not match exits 3" [ $? -eq 3 ]
sed -i "s|host_key: $fake|host_key: $SFTP_HOST_KEY_SHA256|" "$show/podcast.yaml"
"$PODPUB" publish -C "$show" --target sftp >"$work/out" 2>"$work/err"
expect "sftp: the right pinned host key publishes" [ $? -eq 0 ]

# The lock on a remote target: a live holder stops a second publish.
sleep 300 &
holder=$!
for target in sftp ftp dav; do
	lock=$(on_disk "$target" .podpub-lock)
	printf '{"holder": "jane", "host": "%s", "pid": %s, "started": %s, "token": "t"}\n' \
		"$(hostname)" "$holder" "$(date +%s)" >"$lock"
	chmod 666 "$lock"
	PODPUB_PASSWORD=$(password_of "$target") "$PODPUB" publish -C "$show" --target "$target" \
		>"$work/out" 2>"$work/err"
	expect "$target: a held lock stops a publish with exit 3" [ $? -eq 3 ]
	expect "$target: the holder is named" grep -q 'another publish holds the target: jane' "$work/err"
	rm -f "$lock"
done
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# Clean up what this run put on the shared servers.
rm -rf "$SFTP_ROOT/$run_id" "$FTP_ROOT/$run_id" "$FTP_ROOT/$run_id-tls" "$DAV_ROOT/$run_id" \
	"$S3_DATA/$S3_BUCKET/$run_id"

done_testing
