# Episode art: cover.jpg|jpeg|png in the episode folder, else the picture
# embedded in the audio (ID3v2 APIC, MP4 covr), checked as the show's art
# is, published as media/<slug>-<sha8>.<ext> and named by the item's
# itunes:image; the episode's page shows it.
. tests/e2e/lib.sh

show=$work/show
target=$work/public
copy_show "$show"
base=https://yhdistysyhteistyo.fi/jane/podcast/

# image NAME SIZE [FILTER]: a one-colour JPEG or PNG (by NAME's ending).
image() {
	ffmpeg -v error -nostdin -y -f lavfi -i "color=c=${3:-teal}:s=$2" -frames:v 1 \
		-fflags +bitexact -flags +bitexact "$1"
}
# sha8 FILE: the first 8 hex digits of FILE's SHA-256.
sha8() { sha256sum "$1" | cut -c1-8; }

image "$work/cover.jpg" 1400x1400
image "$work/cover2.png" 1600x1600 orange
image "$work/wide.jpg" 1400x1500
image "$work/small.jpg" 600x600
ffmpeg -v error -nostdin -y -f lavfi -i color=c=gray:s=1400x1400 -frames:v 1 -pix_fmt gray \
	"$work/grey.png"

# --- art from the folder
add_episode "$show" kansi 5
ep=$show/episodes/kansi
cp "$work/cover.jpg" "$ep/cover.jpg"
art1=media/kansi-$(sha8 "$work/cover.jpg").jpg
expect_status 0 "an episode with a cover.jpg publishes" "$PODPUB" publish -C "$show" --target "$target"
expect "the item names its art with itunes:image" \
	grep -q "<itunes:image href=\"${base}${art1}\"/>" "$target/feed.xml"
expect "only that episode has its own art" [ "$(grep -c '<itunes:image' "$target/feed.xml")" -eq 2 ]
expect "the art is published under its hash, byte for byte" cmp "$work/cover.jpg" "$target/$art1"
expect "publish lists it as art" grep -q "art   $art1" "$work/stdout"
expect "the episode's page shows it" grep -q "<img class=\"art\" src=\"../$art1\"" "$target/kansi/index.html"
expect "the page's card shows it" grep -q "<meta property=\"og:image\" content=\"${base}${art1}\">" "$target/kansi/index.html"
expect "another episode's page shows the show's art" \
	grep -q '<img class="art" src="../cover.png"' "$target/jarjestoavustukset-osa-1/index.html"
expect_status 0 "lint --strict finds nothing" "$PODPUB" lint --strict "$target/feed.xml"

# feedparser and the item's art
check_helper /usr/bin/python3 - "$target/feed.xml" "$base$art1" <<'PY'
import sys
import feedparser

d = feedparser.parse(sys.argv[1])
e = [x for x in d.entries if x.title == "Testijakso 5"]
href = e[0].get("image", {}).get("href") if e else None
ok = not d.bozo and href == sys.argv[2]
print(("ok - " if ok else "not ok - ") + "python3-feedparser reads the item's itunes:image")
if not ok:
    print("#   " + repr((d.bozo, href)))
sys.exit(0 if ok else 1)
PY

# --- changed art gets a new name; a PNG keeps its ending
rm "$ep/cover.jpg"
cp "$work/cover2.png" "$ep/Cover.PNG"
art2=media/kansi-$(sha8 "$work/cover2.png").png
expect_status 0 "new art publishes" "$PODPUB" publish -C "$show" --target "$target"
expect "it goes out under a new name" cmp "$work/cover2.png" "$target/$art2"
expect "the item names the new art" grep -q "<itunes:image href=\"${base}${art2}\"/>" "$target/feed.xml"
expect_status 0 "an unchanged show publishes again" "$PODPUB" publish -C "$show" --target "$target"
expect "the art is not sent again" sh -c "! grep -q 'art ' '$work/stdout'"

# --- bad folder art: errors naming the file
rm "$ep/Cover.PNG"
# bad_art NAME FILE MESSAGE: FILE as the episode's art fails the build.
bad_art() {
	cp "$2" "$ep/$(basename "$2" | sed 's/^[a-z0-9]*\./cover./')"
	expect_status 2 "$1 fails the build" "$PODPUB" build -C "$show"
	expect_stderr "$1: the file is named" "$3"
	rm -f "$ep"/cover.*
}
bad_art "non-square art" "$work/wide.jpg" \
	"episodes/kansi/cover.jpg: episode art must be square, 1400 to 3000 pixels a side: it is 1400x1500"
bad_art "art too small" "$work/small.jpg" "episodes/kansi/cover.jpg: episode art must be square, 1400 to 3000 pixels a side: it is 600x600"
bad_art "greyscale art" "$work/grey.png" "episodes/kansi/cover.png: episode art must be in colour"
printf 'RIFF\0\0\0\0WEBPVP8 ' >"$work/x.webp"
bad_art "a WebP cover" "$work/x.webp" "episodes/kansi/cover.webp: episode art must be a JPEG or PNG file"
printf 'GIF89a' >"$work/x.gif"
bad_art "a GIF cover" "$work/x.gif" "episodes/kansi/cover.gif: episode art must be a JPEG or PNG file"
cp "$work/cover.jpg" "$ep/cover.jpg"
cp "$work/cover2.png" "$ep/cover.png"
expect_status 2 "two covers fail the build" "$PODPUB" build -C "$show"
expect_stderr "both are named" "two cover images, '$ep/cover.jpg' and '$ep/cover.png'"
rm "$ep/cover.jpg" "$ep/cover.png"

# --- art embedded in the audio: an MP3's APIC
ffmpeg -v error -nostdin -y -i "$ep/kansi.mp3" -i "$work/cover.jpg" -map 0 -map 1 -c copy \
	-id3v2_version 3 -disposition:v attached_pic "$work/apic.mp3" && mv "$work/apic.mp3" "$ep/kansi.mp3"
expect_status 0 "an MP3 with embedded art publishes" "$PODPUB" publish -C "$show" --target "$target"
expect "the item names the embedded art" grep -q "<itunes:image href=\"${base}${art1}\"/>" "$target/feed.xml"
expect "its bytes are the picture's, out of the audio" cmp "$work/cover.jpg" "$target/$art1"
# Kept in the cache, so a rebuild does not decode the audio's picture again.
kept=$show/.podpub-cache/art/$(sha256sum <"$work/cover.jpg" | cut -d' ' -f1).jpg
expect "the picture is kept in the cache, whole" cmp "$work/cover.jpg" "$kept"
rm "$target/$art1"
expect_status 0 "a publish from the kept picture" "$PODPUB" publish -C "$show" --target "$target"
expect "sends the picture's bytes again" cmp "$work/cover.jpg" "$target/$art1"
printf 'not a picture' >"$kept"
expect_status 0 "a damaged kept picture: the build takes it from the audio again" "$PODPUB" build -C "$show"
expect "and keeps it whole again" cmp "$work/cover.jpg" "$kept"
printf 'X' | dd of="$kept" bs=1 seek=100 conv=notrunc status=none
expect_status 0 "a kept picture changed in place, same size: taken from the audio again" \
	"$PODPUB" build -C "$show"
expect "and kept whole again" cmp "$work/cover.jpg" "$kept"

# --- the folder's art wins over the audio's
cp "$work/cover2.png" "$ep/cover.png"
expect_status 0 "folder art beside embedded art builds" "$PODPUB" build -C "$show"
expect "the folder's art wins" grep -q "<itunes:image href=\"${base}${art2}\"/>" "$show/feed/feed.xml"
rm "$ep/cover.png"

# --- audio without its picture: the kept one is no one's and goes
cp "$ep/kansi.mp3" "$work/with-art.mp3"
ffmpeg -v error -nostdin -y -i "$work/with-art.mp3" -map 0:a -c copy "$ep/kansi.mp3"
expect_status 0 "the audio without its picture builds" "$PODPUB" build -C "$show"
expect "the picture no episode carries is removed from the cache" [ ! -e "$kept" ]
cp "$work/with-art.mp3" "$ep/kansi.mp3"
expect_status 0 "the picture back in the audio builds" "$PODPUB" build -C "$show"
expect "and is kept again" cmp "$work/cover.jpg" "$kept"

# --- an M4A's covr
add_episode "$show" mp4-kansi 6
ep6=$show/episodes/mp4-kansi
ffmpeg -v error -nostdin -y -i "$ep6/mp4-kansi.mp3" -i "$work/cover2.png" -map 0:a -map 1 \
	-c:a aac -b:a 64k -c:v copy -disposition:v attached_pic "$ep6/mp4-kansi.m4a" && rm "$ep6/mp4-kansi.mp3"
expect_status 0 "an M4A with embedded art builds" "$PODPUB" build -C "$show"
expect "the item names the M4A's art, a PNG" \
	grep -q "<itunes:image href=\"${base}media/mp4-kansi-$(sha8 "$work/cover2.png").png\"/>" "$show/feed/feed.xml"

# --- embedded art that breaks the rules: a warning, the show's art stands
ffmpeg -v error -nostdin -y -i "$ep6/mp4-kansi.m4a" -i "$work/small.jpg" -map 0:a -map 1 \
	-c copy -disposition:v attached_pic "$work/small.m4a" && mv "$work/small.m4a" "$ep6/mp4-kansi.m4a"
expect_status 0 "an M4A with small embedded art still builds" "$PODPUB" build -C "$show"
expect_stderr "a warning names the audio and says what was done" \
	"episodes/mp4-kansi/mp4-kansi.m4a: warning: the picture in the audio (mjpeg) must be square, 1400 to 3000 pixels a side: it is 600x600: left out"
expect "that item has no itunes:image" sh -c "! grep -q 'itunes:image href=\"[^\"]*media/mp4-kansi-' '$show/feed/feed.xml'"

done_testing
