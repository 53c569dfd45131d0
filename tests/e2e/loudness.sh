# Loudness: `probe --loudness` measures EBU R128 integrated loudness,
# loudness range and true peak; `loudness:` in podcast.yaml makes the build
# warn about every episode outside the target. Checked against tones whose
# loudness follows from their amplitude (BS.1770: a 1 kHz sine's K-weighted
# power is its mean square, A^2/2, for each channel; channels add).
. tests/e2e/lib.sh

# tone FILE AMPLITUDE CHANNELS [CODEC]: 10 s of 1 kHz at 48 kHz.
tone() {
	expr="$2*sin(2*PI*1000*t)"
	[ "$3" -eq 2 ] && expr="$expr|$expr"
	ffmpeg -v error -nostdin -y -f lavfi -i "aevalsrc=$expr:s=48000:d=10" -c:a "${4:-pcm_s16le}" \
		-fflags +bitexact -flags:a +bitexact -map_metadata -1 "$1"
}
# expected AMPLITUDE CHANNELS: the integrated loudness the tone must have.
expected() {
	/usr/bin/python3 -c 'import math, sys; a, n = float(sys.argv[1]), int(sys.argv[2]); print("%.4f" % (10 * math.log10(n * a * a / 2)))' "$1" "$2"
}
# near JSON INDEX KEY WANT TOLERANCE: probe --json's loudness figure is WANT.
near() {
	/usr/bin/python3 -c '
import json, sys
got = json.load(open(sys.argv[1]))[int(sys.argv[2])]["loudness"][sys.argv[3]]
want, tol = float(sys.argv[4]), float(sys.argv[5])
print("# %s: measured %.3f, expected %.3f" % (sys.argv[3], got, want))
assert abs(got - want) <= tol, (got, want)
' "$@"
}

# -20 dBFS peak: -23.01 LUFS in one channel, -20.00 in two.
tone "$work/mono.wav" 0.1 1
tone "$work/stereo.wav" 0.1 2
mono=$(expected 0.1 1)
stereo=$(expected 0.1 2)
expect "the expected figures are -23.01 and -20.00 LUFS" [ "$mono $stereo" = "-23.0103 -20.0000" ]
expect_status 0 "probe --loudness --json exits 0" "$PODPUB" probe --loudness --json "$work/mono.wav" "$work/stereo.wav"
cp "$work/stdout" "$work/probe.json"
expect "mono 1 kHz at -20 dBFS measures $mono LUFS" near "$work/probe.json" 0 integrated "$mono" 0.05
expect "stereo 1 kHz at -20 dBFS measures $stereo LUFS" near "$work/probe.json" 1 integrated "$stereo" 0.05
expect "its true peak is -20 dBTP" near "$work/probe.json" 0 true_peak -20 0.1
expect "a steady tone has no loudness range" near "$work/probe.json" 0 range 0 0.1
expect_status 0 "probe --loudness prints the figures" "$PODPUB" probe --loudness "$work/mono.wav"
expect "in words" grep -q "loudness     -23.0 LUFS integrated, range 0.0 LU, true peak -20.0 dBTP" "$work/stdout"
expect_status 0 "probe without --loudness" "$PODPUB" probe --json "$work/mono.wav"
expect "does not measure it" sh -c "! grep -q loudness '$work/stdout'"
# Lossy coding moves the level a little: the reference is then the decoded
# audio's RMS (astats), plus 3.01 dB for its two equal channels.
tone "$work/quiet.mp3" 0.01 2 libmp3lame
rms=$(ffmpeg -v info -nostdin -i "$work/quiet.mp3" -af astats=measure_perchannel=none -f null - 2>&1 |
	sed -n 's/.*RMS level dB: //p' | tail -n 1)
quiet=$(/usr/bin/python3 -c 'import sys; print("%.3f" % (float(sys.argv[1]) + 3.0103))' "$rms")
expect_status 0 "an MP3 at -40 dBFS measures" "$PODPUB" probe --loudness --json "$work/quiet.mp3"
expect "as its decoded RMS says, $quiet LUFS" near "$work/stdout" 0 integrated "$quiet" 0.05

# --- the build: `loudness:` warns about every episode outside the target
show=$work/show
copy_show "$show"
add_episode "$show" oikea-taso 5
add_episode "$show" liian-hiljainen 6
rm "$show"/episodes/oikea-taso/*.mp3 "$show"/episodes/liian-hiljainen/*.mp3
# -19 LUFS mono: amplitude sqrt(2) * 10^(-19/20); -30 LUFS is too quiet.
tone "$show/episodes/oikea-taso/oikea-taso.wav" 0.15867 1
tone "$show/episodes/liian-hiljainen/liian-hiljainen.wav" 0.04467 1
expect_status 0 "without loudness: the build exits 0" "$PODPUB" build -C "$show"
expect "and says nothing of loudness" sh -c "! grep -q loudness '$work/stderr'"
expect "nor measures it" sh -c "! grep -q loudness '$show/.podpub-cache/probe.json'"
printf 'loudness: true\n' >>"$show/podcast.yaml"
expect_status 0 "with loudness: true the build still exits 0" "$PODPUB" build -C "$show"
expect "it warns about the quiet episode, naming it and the figures" \
	grep -q "liian-hiljainen.wav: warning: episode 'liian-hiljainen' is outside the loudness target: -30.0 LUFS integrated (target -19.0 ± 1.0 for mono), true peak -2[67].[0-9] dBTP (at most -1.0)" "$work/stderr"
expect "not about the one on target" sh -c "! grep -q \"episode 'oikea-taso'\" '$work/stderr'"
expect "the cache keeps every episode's loudness" \
	[ "$(grep -o '"loudness"' "$show/.podpub-cache/probe.json" | wc -l)" -eq 6 ]
cp "$show/.podpub-cache/probe.json" "$work/cache-before"
expect_status 0 "a rebuild" "$PODPUB" build -C "$show"
expect "measures nothing again (the cache is unchanged)" cmp -s "$work/cache-before" "$show/.podpub-cache/probe.json"
expect "and warns again" grep -q "episode 'liian-hiljainen' is outside" "$work/stderr"
sed -i 's/^loudness: true$/loudness:\n  target_mono: -30\n  tolerance: 0.5\n  max_true_peak: -2/' "$show/podcast.yaml"
expect_status 0 "with its own target" "$PODPUB" build -C "$show"
expect "the quiet episode is now on target" sh -c "! grep -q \"episode 'liian-hiljainen'\" '$work/stderr'"
expect "the other is now too loud" grep -q "episode 'oikea-taso' is outside the loudness target: -19.0 LUFS integrated (target -30.0 ± 0.5 for mono), true peak -1[56].[0-9] dBTP (at most -2.0)" "$work/stderr"
printf '  loud: 3\n  tolerance: lots\n' >>"$show/podcast.yaml"
expect_status 2 "a bad loudness setting fails" "$PODPUB" build -C "$show"
expect "an unknown key is named with its line" grep -q "podcast.yaml:[0-9]*: unknown key 'loud' in loudness" "$work/stderr"
expect "a value that is no number is named" grep -q "'tolerance' must be a number from 0 to 20, not 'lots'" "$work/stderr"

done_testing
