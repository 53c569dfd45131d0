# Test servers on 127.0.0.1 for the end-to-end tests of podpub's upload
# targets: SFTP (OpenSSH sshd), FTP and FTPS with explicit TLS (vsftpd),
# WebDAV over HTTPS (nginx + dav_ext) and S3 (@20minutes/s3rver on node).
#
# Sourced (POSIX sh, dash or bash):
#   . tests/servers/servers.sh
#   servers_start DIR [sftp] [ftp] [dav] [s3]    (none named: all of them)
#   . DIR/env                                    (what the tests need, below)
#   servers_stop DIR
# or run:  sh tests/servers/servers.sh start|stop DIR [names...]
#
# servers_start makes everything fresh under DIR: a private CA and a server
# certificate for IP 127.0.0.1, SSH host and client keys, passwords, S3 keys,
# each server's configuration, log and root folder. Each server runs in the
# foreground as a child of the calling shell, bound to 127.0.0.1 on a free
# port picked now (below the kernel's ephemeral range, so no outgoing
# connection holds it; a port taken meanwhile is picked again). Its PID is in
# DIR/run/NAME.pid, its start-up time in ms in DIR/run/NAME.ms. It returns
# once every server listens, or fails within SERVERS_TIMEOUT seconds
# (default 20) with the server's own words, having stopped what it started.
#
# It needs root: sshd and vsftpd switch to a test account, podpubtest, made
# here when missing (a system user whose password lives in
# /var/lib/podpub-test, so that runs side by side agree on it), with a PAM
# service for vsftpd, /etc/pam.d/podpub-test-ftp. It installs
# nothing: a missing package or module is named with the command that
# installs it (scripts/deps.sh test does all of it).
#
# servers_stop kills, by PID, the servers and every process they had forked,
# waits for them to exit, and removes nothing.

# shellcheck disable=SC3043 # local: dash, bash and busybox sh have it
_srv_user=podpubtest
_srv_state=/var/lib/podpub-test
_srv_pam=podpub-test-ftp
_srv_here=${REPO:+$REPO/tests/servers}
# Sourced without REPO: assume the repository root is the current folder.
[ -n "$_srv_here" ] || _srv_here=$(pwd)/tests/servers
_srv_cache=${PODPUB_TEST_CACHE:-/var/cache/podpub-test}
_srv_dav_ext=/usr/lib/nginx/modules/ngx_http_dav_ext_module.so

_srv_say() { echo "servers: $*" >&2; }

_srv_ms() { date +%s%3N; }

# _srv_alive PID: the process exists and has not exited (a zombie has).
_srv_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	[ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" != Z ]
}

# _srv_starttime PID: the start time in ticks, to tell a PID reused later.
_srv_starttime() {
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
}

# _srv_tree PID: the PID and all its descendants, one a line.
_srv_tree() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
		{ pid = $1; sub(/^.*\) /, ""); kids[$2] = kids[$2] " " pid }
		END {
			queue[1] = root; n = 1
			for (i = 1; i <= n; i++) {
				print queue[i]
				m = split(kids[queue[i]], k, " ")
				for (j = 1; j <= m; j++) queue[++n] = k[j]
			}
		}'
}

# _srv_check NAME...: prints the packages and modules that are missing, and the
# commands that install them; fails when anything is missing.
_srv_check() {
	local pkgs="" want
	for want in "$@"; do
		case $want in
		sftp) [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null ||
			pkgs="$pkgs openssh-server" ;;
		ftp) [ -x /usr/sbin/vsftpd ] || pkgs="$pkgs vsftpd" ;;
		dav)
			[ -x /usr/sbin/nginx ] || pkgs="$pkgs nginx"
			[ -f "$_srv_dav_ext" ] || pkgs="$pkgs libnginx-mod-http-dav-ext" ;;
		esac
	done
	command -v openssl >/dev/null || pkgs="$pkgs openssl"
	command -v ss >/dev/null || pkgs="$pkgs iproute2"
	command -v useradd >/dev/null || pkgs="$pkgs passwd"
	command -v flock >/dev/null || pkgs="$pkgs util-linux"
	if [ -n "$pkgs" ]; then
		_srv_say "missing Debian packages; as root run:"
		_srv_say "  apt-get update && apt-get install -y --no-install-recommends$pkgs"
		_srv_say "(or: sh scripts/deps.sh test)"
	fi
	case " $* " in
	*" s3 "*)
		if ! command -v node >/dev/null; then
			_srv_say "node is missing; as root run:"
			_srv_say "  apt-get update && apt-get install -y --no-install-recommends nodejs npm"
			pkgs="$pkgs nodejs"
		elif [ ! -f "$_srv_cache/s3rver/node_modules/@20minutes/s3rver/package.json" ]; then
			_srv_say "@20minutes/s3rver is not installed in $_srv_cache/s3rver; as root run:"
			_srv_say "  sh tests/servers/install.sh"
			_srv_say "(which runs: cd $_srv_cache/s3rver && npm ci --engine-strict=false --omit=dev with tests/servers/s3rver/package*.json)"
			pkgs="$pkgs s3rver"
		fi
		;;
	esac
	[ -z "$pkgs" ]
}

# _srv_account: the test account, made when missing, with a usable password
# (sshd without PAM refuses even key logins to a locked account; vsftpd's
# PAM stack checks the shell against /etc/shells).
_srv_account() {
	mkdir -p "$_srv_state" && chmod 700 "$_srv_state" || return 1
	(
		flock 9 || exit 1
		umask 077
		made=
		if ! id "$_srv_user" >/dev/null 2>&1; then
			useradd --system --user-group --home-dir /srv/$_srv_user --create-home \
				--shell /bin/sh --comment "podpub test servers" $_srv_user || exit 1
			made=yes
		fi
		pwfile=$_srv_state/$_srv_user.password
		[ -s "$pwfile" ] || { openssl rand -hex 16 >"$pwfile" && made=yes; } || exit 1
		status=$(passwd -S $_srv_user 2>/dev/null | cut -d' ' -f2)
		if [ -n "$made" ] || [ "$status" != P ]; then
			echo "$_srv_user:$(cat "$pwfile")" | chpasswd || exit 1
		fi
		# The checks of Debian's PAM service for vsftpd (ftpusers, password,
		# shell) without pam_unix's 2 s delay after a wrong password, which
		# every refusal test would wait out.
		pam=/etc/pam.d/$_srv_pam
		printf '%s\n' "# podpub's test FTP servers (tests/servers/servers.sh)" \
			"auth	required	pam_listfile.so item=user sense=deny file=/etc/ftpusers onerr=succeed" \
			"auth	required	pam_unix.so nodelay" "auth	required	pam_shells.so" \
			"account	required	pam_unix.so" "session	required	pam_permit.so" >"$pam.tmp" &&
			{ cmp -s "$pam.tmp" "$pam" && rm -f "$pam.tmp" || mv "$pam.tmp" "$pam"; } || exit 1
		shell=$(getent passwd $_srv_user | cut -d: -f7)
		if ! grep -qx "$shell" /etc/shells; then
			echo "servers: $_srv_user's shell $shell is not in /etc/shells; pam_shells would refuse FTP logins" >&2
			exit 1
		fi
	) 9>"$_srv_state/lock" || { _srv_say "could not prepare the account $_srv_user"; return 1; }
	_srv_password=$(cat "$_srv_state/$_srv_user.password")
}

# _srv_reachable DIR: the servers' own accounts must be able to walk to DIR.
_srv_reachable() {
	local p="$1" mode
	chmod o+x "$p" || return 1
	while [ "$p" != / ] && [ -n "$p" ]; do
		mode=$(stat -c %A "$p")
		case $mode in
		*[xt]) ;;
		*)
			_srv_say "$p is not searchable by others (mode $mode): $_srv_user and www-data could not reach $1; chmod o+x it or use another DIR"
			return 1 ;;
		esac
		p=$(dirname "$p")
	done
}

# _srv_pick_port: sets _srv_port to a port nothing listens on, below the
# ephemeral range, and not handed out before in this run.
_srv_pick_port() {
	local low high base span used r p try=0
	# (dash's read gets one byte of a /proc file)
	low=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range)
	high=$(awk '{ print $2 }' /proc/sys/net/ipv4/ip_local_port_range)
	base=10000
	span=$((low - base))
	[ "$span" -ge 1000 ] || { base=$((high + 1)); span=$((65536 - base)); }
	[ "$span" -ge 1000 ] || { _srv_say "no room for test ports beside the ephemeral range $low-$high"; return 1; }
	used=$(ss -Hltn 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }' | tr '\n' ' ')
	while [ $try -lt 100 ]; do
		try=$((try + 1))
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		p=$((base + r % span))
		case " $used $_srv_taken " in *" $p "*) continue ;; esac
		_srv_taken="$_srv_taken $p"
		_srv_port=$p
		return 0
	done
	_srv_say "found no free port"
	return 1
}

# _srv_wait NAME PID PORT LOG: until PID listens on 127.0.0.1:PORT.
_srv_wait() {
	local deadline
	deadline=$(($(_srv_ms) + ${SERVERS_TIMEOUT:-20} * 1000))
	while :; do
		if ss -Hltnp "sport = :$3" 2>/dev/null | grep -q "127\.0\.0\.1:$3 .*pid=$2,"; then
			return 0
		fi
		if ! _srv_alive "$2"; then
			_srv_say "$1 exited during start-up; the end of $4:"
			tail -n 15 "$4" | sed 's/^/servers:   /' >&2
			return 1
		fi
		if [ "$(_srv_ms)" -gt "$deadline" ]; then
			_srv_say "$1 (PID $2) did not listen on 127.0.0.1:$3 within ${SERVERS_TIMEOUT:-20} s; the end of $4:"
			tail -n 15 "$4" | sed 's/^/servers:   /' >&2
			return 1
		fi
		sleep 0.01
	done
}

# _srv_launch NAME LOG: configures and starts one server (_srv_conf_NAME
# PORT writes its configuration, _srv_exec_NAME execs it), on another port
# when the one picked was taken meanwhile.
_srv_launch() {
	local name="$1" log="$2" attempt=0 t0 pid
	while [ $attempt -lt 3 ]; do
		attempt=$((attempt + 1))
		_srv_pick_port || return 1
		"_srv_conf_$name" "$_srv_port" || return 1
		: >"$log"
		t0=$(_srv_ms)
		("_srv_exec_$name" </dev/null >>"$log" 2>&1) &
		pid=$!
		echo "$pid $(_srv_starttime "$pid")" >"$_srv_dir/run/$name.pid"
		if _srv_wait "$name" "$pid" "$_srv_port" "$log"; then
			echo $(($(_srv_ms) - t0)) >"$_srv_dir/run/$name.ms"
			eval "_srv_port_$name=\$_srv_port"
			return 0
		fi
		_srv_stop_pids "$_srv_dir/run/$name.pid"
		grep -Eqi 'address already in use|could not bind' "$log" || return 1
		_srv_say "$name: port $_srv_port was taken meanwhile; picking another"
	done
	return 1
}

# --- TLS and keys ---------------------------------------------------------

_srv_tls() {
	local t="$_srv_dir/tls"
	mkdir -p "$t" && chmod 755 "$t" || return 1
	(
		cd "$t" || exit 1
		umask 077
		openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-keyout ca.key -out ca.crt -days 30 -subj "/CN=podpub test CA $(date +%s)" \
			-addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign,cRLSign" &&
			openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
				-keyout server.key -out server.csr -subj "/CN=127.0.0.1" &&
			printf '%s\n' "basicConstraints=critical,CA:FALSE" \
				"keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" \
				"subjectAltName=IP:127.0.0.1" "subjectKeyIdentifier=hash" \
				"authorityKeyIdentifier=keyid" >server.ext &&
			openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
				-days 30 -extfile server.ext -out server.crt &&
			chmod 644 ca.crt server.crt &&
			# vsftpd has no setting for the highest TLS version: OpenSSL's
			# own configuration caps it (FTPS over TLS 1.3 breaks uploads
			# with libcurl 7.88.1, see NOTES.md).
			printf '%s\n' "openssl_conf = openssl_init" "[openssl_init]" "ssl_conf = ssl_sect" \
				"[ssl_sect]" "system_default = system_default_sect" "[system_default_sect]" \
				"MinProtocol = TLSv1.2" "MaxProtocol = TLSv1.2" \
				"CipherString = DEFAULT:@SECLEVEL=2" >tls12.cnf && chmod 644 tls12.cnf
	) >"$t/openssl.log" 2>&1 || {
		_srv_say "openssl failed making the test CA; $t/openssl.log:"
		sed 's/^/servers:   /' "$t/openssl.log" >&2
		return 1
	}
}

# --- SFTP: OpenSSH's sshd -------------------------------------------------

_srv_prep_sftp() {
	local s="$_srv_dir/ssh"
	mkdir -p "$s" "$_srv_dir/sftp" && chmod 755 "$s" || return 1
	chown $_srv_user:$_srv_user "$_srv_dir/sftp" && chmod 755 "$_srv_dir/sftp" || return 1
	rm -f "$s/host_ed25519" "$s/host_ed25519.pub" "$s/client_ed25519" "$s/client_ed25519.pub"
	if ! ssh-keygen -q -t ed25519 -N '' -C podpub-test-host -f "$s/host_ed25519" ||
		! ssh-keygen -q -t ed25519 -N '' -C podpub-test-client -f "$s/client_ed25519"; then
		_srv_say "ssh-keygen failed"
		return 1
	fi
	cp "$s/client_ed25519.pub" "$s/authorized_keys" && chmod 644 "$s/authorized_keys" || return 1
	# sshd needs its privilege separation folder.
	mkdir -p /run/sshd
}

_srv_conf_sftp() {
	local s="$_srv_dir/ssh"
	cat >"$s/sshd_config" <<EOF
# podpub test SFTP server: 127.0.0.1 only, one user, SFTP only.
ListenAddress 127.0.0.1:$1
HostKey $s/host_ed25519
PidFile none
UsePAM no
AllowUsers $_srv_user
PermitRootLogin no
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
AuthorizedKeysFile $s/authorized_keys
StrictModes no
Subsystem sftp internal-sftp
ForceCommand internal-sftp
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTTY no
PrintMotd no
MaxStartups 100:30:200
MaxSessions 50
MaxAuthTries 6
LoginGraceTime 30
LogLevel VERBOSE
EOF
	echo "[127.0.0.1]:$1 $(cut -d' ' -f1,2 "$s/host_ed25519.pub")" >"$s/known_hosts"
	chmod 644 "$s/known_hosts"
}

_srv_exec_sftp() {
	# By its absolute path: sshd re-executes itself and refuses otherwise.
	exec /usr/sbin/sshd -D -e -f "$_srv_dir/ssh/sshd_config"
}

# --- FTP and FTPS: vsftpd, one plain instance and one that requires TLS ---

_srv_prep_ftp() {
	local v="$_srv_dir/vsftpd"
	mkdir -p "$v/empty" "$_srv_dir/ftp" && chmod 755 "$v" "$v/empty" || return 1
	chown $_srv_user:$_srv_user "$_srv_dir/ftp" && chmod 755 "$_srv_dir/ftp" || return 1
	echo $_srv_user >"$v/users"
}

# _srv_vsftpd_conf FILE PORT TLS(YES|NO)
_srv_vsftpd_conf() {
	local v="$_srv_dir/vsftpd" base
	base=$(basename "$1" .conf)
	cat >"$1" <<EOF
# podpub test FTP server: 127.0.0.1 only, one user, chrooted to FTP_ROOT.
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$2
background=NO
# vsftpd's seccomp sandbox kills the session at STOR on this kernel.
seccomp_sandbox=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
userlist_enable=YES
userlist_deny=NO
userlist_file=$v/users
pam_service_name=$_srv_pam
chroot_local_user=YES
allow_writeable_chroot=YES
local_root=$_srv_dir/ftp
secure_chroot_dir=$v/empty
connect_from_port_20=NO
pasv_enable=YES
utf8_filesystem=YES
delay_failed_login=0
syslog_enable=NO
xferlog_enable=YES
log_ftp_protocol=YES
vsftpd_log_file=$v/$base.log
ftpd_banner=podpub test FTP server
ssl_enable=$3
EOF
	[ "$3" = YES ] && cat >>"$1" <<EOF
rsa_cert_file=$_srv_dir/tls/server.crt
rsa_private_key_file=$_srv_dir/tls/server.key
ssl_ciphers=HIGH
ssl_sslv2=NO
ssl_sslv3=NO
ssl_tlsv1=YES
allow_anon_ssl=NO
force_local_logins_ssl=YES
force_local_data_ssl=YES
require_ssl_reuse=YES
EOF
	return 0
}

_srv_conf_ftp() { _srv_vsftpd_conf "$_srv_dir/vsftpd/ftp.conf" "$1" NO; }
_srv_conf_ftps() { _srv_vsftpd_conf "$_srv_dir/vsftpd/ftps.conf" "$1" YES; }
# vsftpd writes its start-up errors ("500 OOPS: ...") to fd 0: the log.
_srv_exec_ftp() { exec /usr/sbin/vsftpd "$_srv_dir/vsftpd/ftp.conf" 0>&1; }
_srv_exec_ftps() {
	OPENSSL_CONF=$_srv_dir/tls/tls12.cnf exec /usr/sbin/vsftpd "$_srv_dir/vsftpd/ftps.conf" 0>&1
}

# --- WebDAV: nginx over HTTPS with basic auth -----------------------------

_srv_prep_dav() {
	local n="$_srv_dir/nginx"
	mkdir -p "$n/tmp" "$_srv_dir/www/dav" && chmod 755 "$n" "$_srv_dir/www" || return 1
	chown www-data:www-data "$_srv_dir/www/dav" && chmod 755 "$_srv_dir/www/dav" || return 1
	_srv_dav_password=$(openssl rand -hex 12) || return 1
	printf 'podpub:%s\n' "$(openssl passwd -apr1 "$_srv_dav_password")" >"$n/htpasswd" &&
		chown root:www-data "$n/htpasswd" && chmod 640 "$n/htpasswd"
}

_srv_conf_dav() {
	local n="$_srv_dir/nginx"
	cat >"$n/nginx.conf" <<EOF
# podpub test WebDAV server: HTTPS on 127.0.0.1 only, DAV_ROOT under /dav/.
load_module $_srv_dav_ext;
daemon off;
master_process on;
worker_processes auto;
user www-data www-data;
pid $n/nginx.pid;
error_log $n/error.log info;
events { worker_connections 512; }
http {
	access_log $n/access.log;
	# Request bodies are written here, on the same filesystem as the root,
	# and renamed into place: a cut upload leaves nothing behind.
	client_body_temp_path $n/tmp/body;
	proxy_temp_path $n/tmp/proxy;
	fastcgi_temp_path $n/tmp/fastcgi;
	uwsgi_temp_path $n/tmp/uwsgi;
	scgi_temp_path $n/tmp/scgi;
	types { }
	default_type application/octet-stream;
	server {
		listen 127.0.0.1:$1 ssl;
		server_name 127.0.0.1;
		ssl_certificate $_srv_dir/tls/server.crt;
		ssl_certificate_key $_srv_dir/tls/server.key;
		ssl_protocols TLSv1.2 TLSv1.3;
		root $_srv_dir/www;
		location /dav/ {
			auth_basic "podpub test";
			auth_basic_user_file $n/htpasswd;
			dav_methods PUT DELETE MKCOL COPY MOVE;
			dav_ext_methods PROPFIND OPTIONS;
			dav_access user:rw group:r all:r;
			create_full_put_path on;
			client_max_body_size 0;
			autoindex on;
		}
		# DAV_ROOT as a web host serves its folder: read-only, no login
		# (what a show's base_url points at).
		location /pub/ {
			alias $_srv_dir/www/dav/;
			limit_except GET { deny all; }
		}
		location / { return 404; }
	}
}
EOF
}

_srv_exec_dav() {
	exec /usr/sbin/nginx -e "$_srv_dir/nginx/error.log" -p "$_srv_dir/nginx/" \
		-c "$_srv_dir/nginx/nginx.conf"
}

# --- S3: @20minutes/s3rver over HTTPS -------------------------------------

_srv_prep_s3() {
	mkdir -p "$_srv_dir/s3" "$_srv_dir/s3rver" || return 1
	_srv_s3_key=AKIA$(openssl rand -hex 8 | tr a-f A-F) &&
		_srv_s3_secret=$(openssl rand -hex 20)
}

_srv_conf_s3() {
	(
		umask 077
		cat >"$_srv_dir/s3rver/config.json" <<EOF
{
  "port": $1,
  "directory": "$_srv_dir/s3",
  "bucket": "podpub-test",
  "accessKeyId": "$_srv_s3_key",
  "secretAccessKey": "$_srv_s3_secret",
  "cert": "$_srv_dir/tls/server.crt",
  "key": "$_srv_dir/tls/server.key"
}
EOF
	)
}

# s3rver makes a listing's continuation token with DES, which OpenSSL 3
# keeps in its legacy provider: without it every listing longer than a
# page fails with 500 (ERR_OSSL_EVP_UNSUPPORTED).
_srv_exec_s3() {
	exec node --openssl-legacy-provider "$_srv_here/s3rver.js" "$_srv_cache/s3rver/node_modules" "$_srv_dir/s3rver/config.json"
}

# --- start and stop -------------------------------------------------------

# _srv_stop_pids FILE...: kills each recorded server and its descendants,
# by PID, and waits for them to exit.
_srv_stop_pids() {
	local f pid start all="" p deadline left
	for f in "$@"; do
		[ -f "$f" ] || continue
		read -r pid start <"$f" || continue
		# Only the process that was started: a PID reused since is not ours.
		if _srv_alive "$pid" && [ "$(_srv_starttime "$pid")" = "$start" ]; then
			all="$all $(_srv_tree "$pid" | tr '\n' ' ')"
		fi
	done
	for p in $all; do kill -TERM "$p" 2>/dev/null; done
	deadline=$(($(_srv_ms) + 10000))
	while :; do
		left=""
		for p in $all; do
			if _srv_alive "$p"; then left="$left $p"; else wait "$p" 2>/dev/null; fi
		done
		[ -z "$left" ] && break
		if [ "$(_srv_ms)" -gt "$deadline" ]; then
			_srv_say "still running 10 s after SIGTERM, killed:$left"
			for p in $left; do kill -KILL "$p" 2>/dev/null; done
			sleep 0.2
			for p in $left; do wait "$p" 2>/dev/null; done
			break
		fi
		sleep 0.01
	done
	for f in "$@"; do [ -f "$f" ] && rm -f "$f"; done
	left=""
	for p in $all; do _srv_alive "$p" && left="$left $p"; done
	[ -z "$left" ] || { _srv_say "could not stop:$left"; return 1; }
}

servers_stop() {
	[ -n "${1:-}" ] || { _srv_say "usage: servers_stop DIR"; return 2; }
	[ -d "$1/run" ] || return 0
	_srv_stop_pids "$1"/run/*.pid
}

# _srv_env: writes DIR/env for the servers that run.
_srv_env() {
	local d="$_srv_dir"
	{
		echo "# podpub test servers on 127.0.0.1, made by tests/servers/servers.sh"
		echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ). Source it: set -a; . $d/env; set +a"
		echo "SERVERS_DIR=$d"
		echo "# The CA that signed the TLS certificate of every HTTPS and FTPS server (IP SAN 127.0.0.1)."
		echo "CA_FILE=$d/tls/ca.crt"
		if [ -n "${_srv_port_sftp:-}" ]; then
			echo "# SFTP: key or password login; the URL's path is SFTP_ROOT, absolute."
			echo "SFTP_URL=sftp://$_srv_user@127.0.0.1:$_srv_port_sftp$d/sftp/"
			echo "SFTP_PORT=$_srv_port_sftp"
			echo "SFTP_USER=$_srv_user"
			echo "SFTP_PASSWORD=$_srv_password"
			echo "# An ed25519 private key (OpenSSH format) and its public half."
			echo "SFTP_KEY=$d/ssh/client_ed25519"
			echo "SFTP_PUBKEY=$d/ssh/client_ed25519.pub"
			echo "# One line: [127.0.0.1]:PORT ssh-ed25519 ...; the server offers only that key."
			echo "SFTP_KNOWN_HOSTS=$d/ssh/known_hosts"
			echo "# As ssh-keygen -lf prints it; curl's --hostpubsha256 takes the part after SHA256:."
			echo "SFTP_HOST_KEY_SHA256=$(ssh-keygen -lf "$d/ssh/host_ed25519.pub" | cut -d' ' -f2)"
			echo "SFTP_ROOT=$d/sftp"
		fi
		if [ -n "${_srv_port_ftp:-}" ]; then
			echo "# FTP: plain, chrooted to FTP_ROOT (the URL's / is FTP_ROOT)."
			echo "FTP_URL=ftp://127.0.0.1:$_srv_port_ftp/"
			echo "FTP_PORT=$_srv_port_ftp"
			echo "# FTPS: explicit TLS (AUTH TLS on the ftp:// port; curl --ssl-reqd), required for"
			echo "# login and data, TLS 1.2 only, require_ssl_reuse=YES; same user and FTP_ROOT."
			echo "FTPS_URL=ftp://127.0.0.1:$_srv_port_ftps/"
			echo "FTPS_PORT=$_srv_port_ftps"
			echo "FTP_USER=$_srv_user"
			echo "FTP_PASSWORD=$_srv_password"
			echo "FTP_ROOT=$d/ftp"
		fi
		if [ -n "${_srv_port_dav:-}" ]; then
			echo "# WebDAV over HTTPS with basic auth; DAV_URL is DAV_ROOT."
			echo "DAV_URL=https://127.0.0.1:$_srv_port_dav/dav/"
			echo "DAV_PORT=$_srv_port_dav"
			echo "DAV_USER=podpub"
			echo "DAV_PASSWORD=$_srv_dav_password"
			echo "DAV_ROOT=$d/www/dav"
			echo "# DAV_ROOT again, read-only and without a login, as a web host serves it."
			echo "DAV_PUBLIC_URL=https://127.0.0.1:$_srv_port_dav/pub/"
		fi
		if [ -n "${_srv_port_s3:-}" ]; then
			echo "# S3 over HTTPS, path-style (ENDPOINT/BUCKET/KEY), SigV4 checked, unsigned requests refused."
			echo "S3_ENDPOINT=https://127.0.0.1:$_srv_port_s3"
			echo "S3_PORT=$_srv_port_s3"
			echo "S3_BUCKET=podpub-test"
			echo "S3_REGION=us-east-1"
			echo "AWS_ACCESS_KEY_ID=$_srv_s3_key"
			echo "AWS_SECRET_ACCESS_KEY=$_srv_s3_secret"
			echo "# Object KEY of BUCKET is the file \$S3_DATA/BUCKET/KEY\$S3_OBJECT_SUFFIX."
			echo "S3_DATA=$d/s3"
			echo "S3_OBJECT_SUFFIX=._S3rver_object"
		fi
	} >"$d/env.tmp" && chmod 600 "$d/env.tmp" && mv "$d/env.tmp" "$d/env"
}

servers_start() {
	local d want name n f
	[ -n "${1:-}" ] || { _srv_say "usage: servers_start DIR [sftp] [ftp] [dav] [s3]"; return 2; }
	[ "$(id -u)" -eq 0 ] || { _srv_say "must run as root (sshd and vsftpd switch to the test account)"; return 1; }
	mkdir -p "$1" || return 1
	d=$(cd "$1" && pwd -P) || return 1
	case $d in
	*[!A-Za-z0-9._/+-]*) _srv_say "DIR must be a plain path (letters, digits, ._+-/): $d"; return 1 ;;
	esac
	shift
	want=${*:-sftp ftp dav s3}
	for name in $want; do
		case $name in sftp | ftp | dav | s3) ;; *) _srv_say "unknown server: $name"; return 2 ;; esac
	done
	for f in "$d"/run/*.pid; do
		[ -f "$f" ] || continue
		read -r n _ <"$f"
		_srv_alive "$n" && { _srv_say "servers still run from $d ($f); servers_stop $d first"; return 1; }
	done
	_srv_check $want || return 1
	_srv_account || return 1
	_srv_reachable "$d" || return 1
	_srv_dir=$d
	_srv_taken=""
	_srv_port_sftp="" _srv_port_ftp="" _srv_port_ftps="" _srv_port_dav="" _srv_port_s3=""
	# Fresh: nothing left from an earlier run in DIR.
	rm -rf "$d/run" "$d/env" "$d/tls" "$d/ssh" "$d/sftp" "$d/vsftpd" "$d/ftp" \
		"$d/nginx" "$d/www" "$d/s3" "$d/s3rver"
	mkdir -p "$d/run" && chmod 711 "$d" || return 1
	_srv_tls || return 1
	for name in $want; do
		"_srv_prep_$name" || { servers_stop "$d"; return 1; }
		case $name in
		sftp) _srv_launch sftp "$d/ssh/sshd.log" ;;
		ftp) _srv_launch ftp "$d/vsftpd/ftp.out" && _srv_launch ftps "$d/vsftpd/ftps.out" ;;
		dav) _srv_launch dav "$d/nginx/nginx.out" ;;
		s3) _srv_launch s3 "$d/s3rver/s3rver.log" ;;
		esac || { servers_stop "$d"; return 1; }
	done
	_srv_env || { servers_stop "$d"; return 1; }
}

# Run as a command rather than sourced.
case ${0##*/} in
servers.sh)
	set -u
	_srv_here=$(cd "$(dirname "$0")" && pwd)
	cmd=${1:-}
	[ $# -gt 0 ] && shift
	case $cmd in
	start) servers_start "$@" ;;
	stop) servers_stop "$@" ;;
	*) echo "usage: $0 start DIR [sftp] [ftp] [dav] [s3] | stop DIR" >&2; exit 2 ;;
	esac
	;;
esac
