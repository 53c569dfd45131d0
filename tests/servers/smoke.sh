# End to end: the test servers start on 127.0.0.1, each takes an upload from
# the curl command line byte for byte into its root folder, refuses a wrong
# password, secret or host key, and every process they ran is gone after
# servers_stop. Needs root and the packages of `sh scripts/deps.sh test`.
#   sh tests/servers/smoke.sh     (REPO, PODPUB and TESTBIN set as tests/run.sh does)
. "${REPO:?run through tests/run.sh}/tests/e2e/lib.sh"
. "$REPO/tests/servers/servers.sh"

# Only 127.0.0.1: no proxy, no ~/.curlrc.
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY ftp_proxy FTP_PROXY
c() { curl -q -sS --noproxy '*' --connect-timeout 5 --max-time 30 "$@"; }

dir=$work/servers
trap 'servers_stop "$dir" >/dev/null 2>&1; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
# The servers' own accounts (podpubtest, www-data) walk into the folder.
chmod 711 "$work"

t0=$(date +%s%3N)
if ! servers_start "$dir" 2>"$work/start.err"; then
	not_ok "servers start" "$(cat "$work/start.err")"
	exit 1
fi
ok "servers start"
echo "# all servers listening after $(($(date +%s%3N) - t0)) ms (CA, keys, account and start-up)"
for name in sftp ftp ftps dav s3; do
	echo "# $name start-up: $(cat "$dir/run/$name.ms") ms (process start to listening)"
done

# What the servers ran, taken now: the stop must end all of it.
pids=""
for f in "$dir"/run/*.pid; do
	read -r pid _ <"$f"
	pids="$pids $pid"
done

set -a
. "$dir/env"
set +a
missing=""
for v in CA_FILE SFTP_URL SFTP_USER SFTP_PASSWORD SFTP_KEY SFTP_KNOWN_HOSTS SFTP_HOST_KEY_SHA256 \
	SFTP_ROOT FTP_URL FTPS_URL FTP_USER FTP_PASSWORD FTP_ROOT DAV_URL DAV_USER DAV_PASSWORD \
	DAV_ROOT DAV_PUBLIC_URL S3_ENDPOINT S3_BUCKET S3_REGION AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY S3_DATA; do
	eval "[ -n \"\${$v:-}\" ]" || missing="$missing $v"
done
expect "env names every server's URL, credentials and root${missing:+ (missing:$missing)}" [ -z "$missing" ]

listening=$(ss -Hltnp | grep -E "pid=($(echo $pids | tr ' ' '|')),")
expect "each server listens on 127.0.0.1 only" \
	[ "$(echo "$listening" | wc -l)" -eq 5 -a -z "$(echo "$listening" | awk '$4 !~ /^127\.0\.0\.1:/')" ]
expect "the server certificate is for IP 127.0.0.1 and signed by CA_FILE" \
	sh -c 'openssl verify -CAfile "$1" -verify_ip 127.0.0.1 "$2" >/dev/null' - "$CA_FILE" "$dir/tls/server.crt"

file=$work/episode.mp3
head -c 1048576 /dev/urandom >"$file"

# --- SFTP -----------------------------------------------------------------
pin=${SFTP_HOST_KEY_SHA256#SHA256:}
expect "known_hosts holds the one ed25519 key of [127.0.0.1]:port" \
	grep -qx "\[127\.0\.0\.1\]:$SFTP_PORT ssh-ed25519 [A-Za-z0-9+/=]*" "$SFTP_KNOWN_HOSTS"
expect "known_hosts has that one line" [ "$(wc -l <"$SFTP_KNOWN_HOSTS")" -eq 1 ]
c --key "$SFTP_KEY" --hostpubsha256 "$pin" --ftp-create-dirs -T "$file" "${SFTP_URL}show/media/ep1.mp3"
expect "sftp: key login and host key pin, upload lands in SFTP_ROOT" cmp -s "$file" "$SFTP_ROOT/show/media/ep1.mp3"
# curl reads known_hosts from $HOME/.ssh only.
mkdir -p "$work/home/.ssh" && cp "$SFTP_KNOWN_HOSTS" "$work/home/.ssh/known_hosts"
HOME=$work/home c --key "$SFTP_KEY" -T "$file" "${SFTP_URL}ep2.mp3"
expect "sftp: host key checked against SFTP_KNOWN_HOSTS" cmp -s "$file" "$SFTP_ROOT/ep2.mp3"
c -u "$SFTP_USER:$SFTP_PASSWORD" --hostpubsha256 "$pin" -T "$file" "${SFTP_URL}ep3.mp3"
expect "sftp: password login" cmp -s "$file" "$SFTP_ROOT/ep3.mp3"
c -u "$SFTP_USER:wrong-$SFTP_PASSWORD" --hostpubsha256 "$pin" -T "$file" "${SFTP_URL}bad.mp3" 2>"$work/err"
rc=$?
expect "sftp: wrong password refused (curl exit $rc, 67 expected)" [ "$rc" -eq 67 ]
c --key "$SFTP_KEY" --hostpubsha256 "AAAA${pin#????}" -T "$file" "${SFTP_URL}bad.mp3" 2>"$work/err"
rc=$?
expect "sftp: another host key refused (curl exit $rc, 60 expected)" [ "$rc" -eq 60 ]
expect "sftp: nothing written by the refused logins" [ ! -e "$SFTP_ROOT/bad.mp3" ]

# --- FTP and FTPS ---------------------------------------------------------
c -u "$FTP_USER:$FTP_PASSWORD" --ftp-create-dirs -T "$file" "${FTP_URL}show/media/ep1.mp3"
expect "ftp: upload lands in FTP_ROOT" cmp -s "$file" "$FTP_ROOT/show/media/ep1.mp3"
code=$(c -u "$FTP_USER:wrong-$FTP_PASSWORD" -T "$file" "${FTP_URL}bad.mp3" -w '%{response_code}' 2>/dev/null)
expect "ftp: wrong password refused ($code, 530 expected)" [ "$code" = 530 ]

tls="--ssl-reqd --tls-max 1.2 --cacert $CA_FILE"
c -u "$FTP_USER:$FTP_PASSWORD" $tls -T "$file" "${FTPS_URL}tls/ep1.mp3" --ftp-create-dirs
expect "ftps: upload over explicit TLS 1.2 lands in FTP_ROOT" cmp -s "$file" "$FTP_ROOT/tls/ep1.mp3"
# require_ssl_reuse=YES: later data connections on one control connection.
c -u "$FTP_USER:$FTP_PASSWORD" $tls -T "$file" "${FTPS_URL}tls/ep2.mp3" -T "$file" "${FTPS_URL}tls/ep3.mp3" \
	-w '%{num_connects} ' >"$work/conns"
expect "ftps: two uploads on one control connection (new connections: $(cat "$work/conns"))" \
	sh -c 'cmp -s "$1" "$2/tls/ep2.mp3" && cmp -s "$1" "$2/tls/ep3.mp3"' - "$file" "$FTP_ROOT"
code=$(c -u "$FTP_USER:$FTP_PASSWORD" -T "$file" "${FTPS_URL}bad.mp3" -w '%{response_code}' 2>/dev/null)
expect "ftps: login without TLS refused ($code, 530 expected)" [ "$code" = 530 ]
c -u "$FTP_USER:$FTP_PASSWORD" --ssl-reqd --tlsv1.3 --cacert "$CA_FILE" -T "$file" "${FTPS_URL}bad.mp3" 2>/dev/null
rc=$?
expect "ftps: TLS 1.3 refused, the server is capped at 1.2 (curl exit $rc)" [ "$rc" -ne 0 ]
code=$(c -u "$FTP_USER:wrong-$FTP_PASSWORD" $tls -T "$file" "${FTPS_URL}bad.mp3" -w '%{response_code}' 2>/dev/null)
expect "ftps: wrong password refused ($code, 530 expected)" [ "$code" = 530 ]
expect "ftp: nothing written by the refused logins" [ ! -e "$FTP_ROOT/bad.mp3" ]

# --- WebDAV ---------------------------------------------------------------
dav() { c --cacert "$CA_FILE" -u "$DAV_USER:$DAV_PASSWORD" "$@"; }
head -c 1000 /dev/urandom >"$work/old"
code=$(dav -T "$work/old" "${DAV_URL}show/media/ep1.mp3" -o /dev/null -w '%{response_code}')
expect "dav: PUT creates the missing folders ($code, 201 expected)" [ "$code" = 201 ]
code=$(dav -T "$file" "${DAV_URL}show/media/ep1.mp3.tmp" -o /dev/null -w '%{response_code}')
expect "dav: PUT of the new version ($code, 201 expected)" [ "$code" = 201 ]
code=$(dav -X MOVE -H "Destination: ${DAV_URL}show/media/ep1.mp3" -H 'Overwrite: T' \
	"${DAV_URL}show/media/ep1.mp3.tmp" -o /dev/null -w '%{response_code}')
expect "dav: MOVE with Overwrite: T replaces the file ($code, 204 expected)" [ "$code" = 204 ]
expect "dav: upload lands in DAV_ROOT" cmp -s "$file" "$DAV_ROOT/show/media/ep1.mp3"
expect "dav: the temporary name is gone" [ ! -e "$DAV_ROOT/show/media/ep1.mp3.tmp" ]
code=$(dav -X PROPFIND -H 'Depth: 1' "${DAV_URL}show/media/" -o "$work/propfind" -w '%{response_code}')
expect "dav: PROPFIND lists the file with its size ($code, 207 expected)" \
	sh -c '[ "$1" = 207 ] && grep -q "<D:getcontentlength>1048576<" "$2"' - "$code" "$work/propfind"
code=$(c --cacert "$CA_FILE" -u "$DAV_USER:wrong-$DAV_PASSWORD" -T "$file" "${DAV_URL}bad.mp3" -o /dev/null -w '%{response_code}')
expect "dav: wrong password refused ($code, 401 expected)" [ "$code" = 401 ]
code=$(c --cacert "$CA_FILE" -T "$file" "${DAV_URL}bad.mp3" -o /dev/null -w '%{response_code}')
expect "dav: no password refused ($code, 401 expected)" [ "$code" = 401 ]
expect "dav: nothing written by the refused requests" [ ! -e "$DAV_ROOT/bad.mp3" ]
c --cacert "$CA_FILE" "${DAV_PUBLIC_URL}show/media/ep1.mp3" -o "$work/public" 2>/dev/null
expect "dav: DAV_PUBLIC_URL serves DAV_ROOT without a login" cmp -s "$file" "$work/public"
code=$(c --cacert "$CA_FILE" -T "$file" "${DAV_PUBLIC_URL}show/bad.mp3" -o /dev/null -w '%{response_code}')
expect "dav: DAV_PUBLIC_URL takes no upload ($code, 403 expected)" [ "$code" = 403 ]

# --- S3 -------------------------------------------------------------------
s3() {
	c --cacert "$CA_FILE" --aws-sigv4 "aws:amz:$S3_REGION:s3" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
}
obj="$S3_ENDPOINT/$S3_BUCKET/show/media/ep1.mp3"
code=$(s3 -u "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -T "$file" "$obj" -o /dev/null -w '%{response_code}')
expect "s3: signed PUT ($code, 200 expected)" [ "$code" = 200 ]
expect "s3: object lands in S3_DATA" cmp -s "$file" "$S3_DATA/$S3_BUCKET/show/media/ep1.mp3$S3_OBJECT_SUFFIX"
s3 -u "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" "$obj" -o "$work/got"
expect "s3: signed GET returns the bytes" cmp -s "$file" "$work/got"
code=$(s3 -u "$AWS_ACCESS_KEY_ID:wrong$AWS_SECRET_ACCESS_KEY" -T "$file" "$S3_ENDPOINT/$S3_BUCKET/bad.mp3" \
	-o "$work/body" -w '%{response_code}')
expect "s3: wrong secret refused ($code SignatureDoesNotMatch, 403 expected)" \
	sh -c '[ "$1" = 403 ] && grep -q SignatureDoesNotMatch "$2"' - "$code" "$work/body"
code=$(c --cacert "$CA_FILE" -T "$file" "$S3_ENDPOINT/$S3_BUCKET/bad.mp3" -o /dev/null -w '%{response_code}')
expect "s3: unsigned request refused ($code, 403 expected)" [ "$code" = 403 ]
expect "s3: nothing written by the refused requests" [ ! -e "$S3_DATA/$S3_BUCKET/bad.mp3$S3_OBJECT_SUFFIX" ]

# --- stop -----------------------------------------------------------------
all=""
for pid in $pids; do all="$all $(_srv_tree "$pid" | tr '\n' ' ')"; done
t0=$(date +%s%3N)
expect "servers stop" servers_stop "$dir"
echo "# stopped in $(($(date +%s%3N) - t0)) ms"
left=""
for pid in $all; do _srv_alive "$pid" && left="$left $pid"; done
expect "no process the servers ran survives${left:+ (left:$left)}" [ -z "$left" ]
expect "no port of theirs still listens" \
	sh -c '! ss -Hltn | grep -Eq "127\.0\.0\.1:($1|$2|$3|$4|$5) "' - \
	"$SFTP_PORT" "$FTP_PORT" "$FTPS_PORT" "$DAV_PORT" "$S3_PORT"
