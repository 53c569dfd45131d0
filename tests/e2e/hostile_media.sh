# limits: time=300 memory=2048
# Audio and images through libavformat: only the demuxers podpub supports,
# only the file protocol, a header's duration checked against the packets,
# a video refused, and tag-heavy files in bounded time. Inputs made here.
. tests/e2e/lib.sh

A=$REPO/tests/data/audio
py() { /usr/bin/python3 -c "$@"; }

# An Ogg page's granule forged: 3 s of Vorbis must not become 10 hours.
ffmpeg -v error -y -f lavfi -i sine=d=3 -c:a libvorbis "$work/v3.ogg"
forge='
import struct, sys
src, dst, which = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = bytearray(open(src, "rb").read())
pages = [i for i in range(len(d)) if d[i:i + 4] == b"OggS"]
i = pages[which]
def crc(data):
    c = 0
    for b in data:
        c ^= b << 24
        for _ in range(8):
            c = ((c << 1) ^ 0x04c11db7) & 0xffffffff if c & 0x80000000 else (c << 1) & 0xffffffff
    return c
end = pages[which + 1] if which + 1 < len(pages) and which != -1 else len(d)
d[i + 6:i + 14] = struct.pack("<q", 44100 * 36000)
d[i + 22:i + 26] = bytes(4)
d[i + 22:i + 26] = struct.pack("<I", crc(d[i:end]))
open(dst, "wb").write(d)'
py "$forge" "$work/v3.ogg" "$work/last.ogg" -1
expect_bounded 2 "forged last granule: exit 2" 30 1024 "$PODPUB" probe "$work/last.ogg"
expect_stderr "forged last granule: named" "corrupt audio: at 2.985 s the stream claims to last until 36000.000 s"
py "$forge" "$work/v3.ogg" "$work/middle.ogg" 3
expect_bounded 2 "forged middle granule: exit 2" 30 1024 "$PODPUB" probe "$work/middle.ogg"
expect_stderr "forged middle granule: named" "(a broken or forged header)"
expect_bounded 0 "the unforged file: 3 s" 30 1024 "$PODPUB" probe "$work/v3.ogg"
expect "the unforged file: 3 s" grep -q "duration     3.000 s" "$work/stdout"

# A playlist or a concat list under an audio name never opens what it names.
cp "$A/cbr.mp3" "$work/other.mp3"
printf '#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:3.3,\nother.mp3\n#EXT-X-ENDLIST\n' >"$work/list.mp3"
expect_bounded 2 "HLS playlist as audio: exit 2" 30 1024 "$PODPUB" probe "$work/list.mp3"
expect_stderr "HLS playlist as audio: not read" "list.mp3: not readable as audio"
printf 'ffconcat version 1.0\nfile other.mp3\nfile /etc/passwd\n' >"$work/concat.mp3"
expect_bounded 2 "concat list as audio: exit 2" 30 1024 "$PODPUB" probe "$work/concat.mp3"
expect_stderr "concat list as audio: not read" "concat.mp3: not readable as audio"

# A video is refused, never published as audio/x-m4a; cover art is fine.
ffmpeg -v error -y -f lavfi -i testsrc=d=2:s=160x120 -f lavfi -i sine=d=2 -c:v mpeg4 -c:a aac \
	-shortest "$work/video.m4a"
expect_bounded 2 "video in an .m4a: exit 2" 30 1024 "$PODPUB" probe "$work/video.m4a"
expect_stderr "video in an .m4a: says so" "has a video stream (mpeg4): podpub publishes audio only"
ffmpeg -v error -y -i "$A/cbr.mp3" -i "$REPO/tests/data/show/feed/cover.png" -map 0 -map 1 -c copy \
	-id3v2_version 3 -disposition:v attached_pic "$work/art.mp3"
expect_bounded 0 "MP3 with cover art: still audio" 30 1024 "$PODPUB" probe "$work/art.mp3"

# Cover art is read by png_pipe or jpeg_pipe, chosen by its first bytes
# (never image2, which reads numbered file sequences): a JPEG cover builds.
show=$work/show
copy_show "$show"
rm "$show/feed/cover.png"
ffmpeg -v error -y -f lavfi -i color=c=red:s=1400x1400 -frames:v 1 "$show/feed/cover.jpg"
sed -i 's|^image: .*|image: feed/cover.jpg|' "$show/podcast.yaml"
expect_bounded 0 "JPEG cover art builds" 60 1024 "$PODPUB" build --repo "$show"
printf 'GIF89a not at all\n' >"$show/feed/cover.jpg"
expect_bounded 2 "a GIF named .jpg is refused" 60 1024 "$PODPUB" build --repo "$show"
expect_stderr "a GIF named .jpg: says so" "feed/cover.jpg: not readable as an image: not a PNG or JPEG file"

# 50000 ID3 frames: libavformat takes 10 s (quadratic); refused at once.
py "
import struct
audio = open('$A/cbr.mp3', 'rb').read()
if audio[:3] == b'ID3':
    s = audio[6:10]
    audio = audio[10 + ((s[0] << 21) | (s[1] << 14) | (s[2] << 7) | s[3]):]
frames = b''.join(b'TXXX' + struct.pack('>I', len(b)) + b'\0\0' + b for b in
                  (b'\0k%d\0v' % i for i in range(50000)))
n = len(frames)
open('$work/tags.mp3', 'wb').write(b'ID3\3\0\0' + bytes([(n >> 21) & 127, (n >> 14) & 127, (n >> 7) & 127, n & 127]) + frames + audio)"
expect_bounded 2 "50000 ID3 frames: exit 2 at once" 10 1024 "$PODPUB" probe "$work/tags.mp3"
expect_stderr "50000 ID3 frames: says so" "ID3 tag has more than 4096 frames"

# An MP4 whose moov comes first (faststart) and whose samples are cut
# short: its edit list still reads, but the header is not believed, and
# the packets of what is there are walked with libavformat's own edit list.
ffmpeg -v error -y -i "$A/aac.m4a" -c copy -movflags +faststart "$work/fast.m4a"
size=$(wc -c <"$work/fast.m4a")
head -c $((size * 6 / 10)) "$work/fast.m4a" >"$work/fastcut.m4a"
"$PODPUB" probe --json "$work/fast.m4a" >"$work/fast.json" 2>"$work/err"
"$PODPUB" probe --json "$work/fastcut.m4a" >"$work/fastcut.json" 2>>"$work/err"
expect "a faststart MP4 is trusted, its edit list applied (3.1 s)" py '
import json, sys
j = json.load(open(sys.argv[1]))[0]
assert j["duration_source"] == "header" and j["duration"] == 3.1, j' "$work/fast.json"
expect "cut short, it is walked: its packets, less than the whole" py '
import json, sys
j = json.load(open(sys.argv[1]))[0]
assert j["duration_source"] == "packets" and 0.9 < j["duration"] < 2.5, j' "$work/fastcut.json"
done_testing
