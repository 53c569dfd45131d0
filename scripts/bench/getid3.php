<?php
// getid3.php - getID3 (Debian php-getid3), as dir2cast and Castopod use it.
//   php getid3.php FILE...          one line per file: seconds (or "error")
//   php getid3.php --total FILE...  analyse every file, print the time taken
// Times are taken inside PHP, so PHP's own start-up is not counted.
require_once '/usr/share/php/getid3/getid3.php';
$args = array_slice($argv, 1);
$total = false;
if ($args && $args[0] === '--total') {
	$total = true;
	$args = array_slice($args, 1);
}
$getid3 = new getID3();
$getid3->option_md5_data = false;
$t0 = hrtime(true);
$out = [];
foreach ($args as $f) {
	$info = $getid3->analyze($f);
	$out[] = isset($info['playtime_seconds']) ? sprintf('%.6f', $info['playtime_seconds']) : 'error';
}
$ns = hrtime(true) - $t0;
if ($total)
	printf("%d %.6f\n", count($args), $ns / 1e9);
else
	foreach ($out as $line)
		echo $line, "\n";
