<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl - the show's web site: index.html and one page per episode.

  podpub applies this stylesheet once per page to a document of the show
  (built from the same model as the feed): for index.html with every
  episode, for an episode's page with that episode only. Two parameters:
    $page   'index', or the slug of the episode whose page is made
    $root   the way back to the site's root from the page: '' or '../'

  The document:
    <show lang="fi" generator="podpub 0.1.0">
      <title/> <description/> <author/> <link/> <copyright/> (optional)
      <feed url="https://…/feed.xml"/>
      <image src="cover.png" url="https://…/cover.png"/>
      <subscribe><service key="apple" url="https://…">Apple Podcasts</service>…</subscribe>
      <episode slug="…" url="https://…/slug/" type="full" number="1" season="1">
        <title/>
        <date iso="2025-03-04">4. maaliskuuta 2025</date>
        <duration seconds="754" iso="PT0H12M34S">12:34</duration>
        <audio src="media/slug.mp3" url="https://…" type="audio/mpeg" size="…"/>
        <image src="media/slug-1a2b3c4d.jpg" url="https://…"/>  (the episode's own art, when it has any)
        <chapter start="754" time="12:34">title</chapter>…  (when it has chapters)
        <person role="host" group="cast" href="…" img="…">Name</person>…
        <summary>the notes as plain text</summary>
        <notes>the notes' HTML, as elements (the feed's content:encoded)</notes>
        <transcript src="media/slug.fi.vtt" url="https://…" type="text/vtt" format="WebVTT" lang="fi">
          <cue start="1:05">a cue's text, plain</cue>…
        </transcript>…  (none, one or more)
      </episode>…  (newest first)
    </show>

  Copy this file to site/site.xsl in the show's folder to change it (and
  site/style.css for the look); podpub uses the show's own copy when there is
  one. Text written with xsl:value-of is escaped for HTML by libxslt. The
  template cannot read other files or the network.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:param name="page" select="'index'"/>
  <xsl:param name="root" select="''"/>

  <xsl:variable name="show" select="/show"/>
  <xsl:variable name="lang" select="/show/@lang"/>

  <!-- The words of the page in the show's language (Finnish, Swedish,
       English otherwise). -->
  <xsl:template name="word">
    <xsl:param name="key"/>
    <xsl:variable name="l" select="substring($lang, 1, 2)"/>
    <xsl:choose>
      <xsl:when test="$key = 'episodes'">
        <xsl:choose><xsl:when test="$l = 'fi'">Jaksot</xsl:when><xsl:when test="$l = 'sv'">Avsnitt</xsl:when><xsl:otherwise>Episodes</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'subscribe'">
        <xsl:choose><xsl:when test="$l = 'fi'">Tilaa</xsl:when><xsl:when test="$l = 'sv'">Prenumerera</xsl:when><xsl:otherwise>Subscribe</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'feed'">
        <xsl:choose><xsl:when test="$l = 'fi'">Syötteen osoite (RSS)</xsl:when><xsl:when test="$l = 'sv'">Flödets adress (RSS)</xsl:when><xsl:otherwise>Feed address (RSS)</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'copy'">
        <xsl:choose><xsl:when test="$l = 'fi'">Kopioi</xsl:when><xsl:when test="$l = 'sv'">Kopiera</xsl:when><xsl:otherwise>Copy</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'copied'">
        <xsl:choose><xsl:when test="$l = 'fi'">Kopioitu</xsl:when><xsl:when test="$l = 'sv'">Kopierad</xsl:when><xsl:otherwise>Copied</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'duration'">
        <xsl:choose><xsl:when test="$l = 'fi'">Kesto</xsl:when><xsl:when test="$l = 'sv'">Längd</xsl:when><xsl:otherwise>Duration</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'episode'">
        <xsl:choose><xsl:when test="$l = 'fi'">Jakso</xsl:when><xsl:when test="$l = 'sv'">Avsnitt</xsl:when><xsl:otherwise>Episode</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'download'">
        <xsl:choose><xsl:when test="$l = 'fi'">Lataa äänitiedosto</xsl:when><xsl:when test="$l = 'sv'">Ladda ner ljudfilen</xsl:when><xsl:otherwise>Download the audio</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'persons'">
        <xsl:choose><xsl:when test="$l = 'fi'">Jaksossa mukana</xsl:when><xsl:when test="$l = 'sv'">Medverkande</xsl:when><xsl:otherwise>In this episode</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'chapters'">
        <xsl:choose><xsl:when test="$l = 'fi'">Luvut</xsl:when><xsl:when test="$l = 'sv'">Kapitel</xsl:when><xsl:otherwise>Chapters</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'all'">
        <xsl:choose><xsl:when test="$l = 'fi'">Kaikki jaksot</xsl:when><xsl:when test="$l = 'sv'">Alla avsnitt</xsl:when><xsl:otherwise>All episodes</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'play'">
        <xsl:choose><xsl:when test="$l = 'fi'">Kuuntele</xsl:when><xsl:when test="$l = 'sv'">Lyssna</xsl:when><xsl:otherwise>Listen</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'host'">
        <xsl:choose><xsl:when test="$l = 'fi'">juontaja</xsl:when><xsl:when test="$l = 'sv'">programledare</xsl:when><xsl:otherwise>host</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'guest'">
        <xsl:choose><xsl:when test="$l = 'fi'">vieras</xsl:when><xsl:when test="$l = 'sv'">gäst</xsl:when><xsl:otherwise>guest</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'cohost'">
        <xsl:choose><xsl:when test="$l = 'fi'">juontajapari</xsl:when><xsl:when test="$l = 'sv'">medprogramledare</xsl:when><xsl:otherwise>co-host</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'transcript'">
        <xsl:choose><xsl:when test="$l = 'fi'">Litteraatti</xsl:when><xsl:when test="$l = 'sv'">Transkription</xsl:when><xsl:otherwise>Transcript</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:when test="$key = 'show-transcript'">
        <xsl:choose><xsl:when test="$l = 'fi'">Näytä litteraatti</xsl:when><xsl:when test="$l = 'sv'">Visa transkriptionen</xsl:when><xsl:otherwise>Show the transcript</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$key"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="$page = 'index'">
        <xsl:apply-templates select="$show" mode="index"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$show/episode[@slug = $page]" mode="page"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- <head> of every page: $title, $description, $url and the card tags. -->
  <xsl:template name="head">
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <xsl:param name="url"/>
    <xsl:param name="audio"/>
    <xsl:param name="image" select="$show/image"/>
    <head>
      <!-- libxslt's HTML output writes the charset's <meta> first itself. -->
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title><xsl:value-of select="$title"/></title>
      <meta name="description" content="{$description}"/>
      <meta name="generator" content="{$show/@generator}"/>
      <link rel="stylesheet" href="{$root}style.css"/>
      <link rel="alternate" type="application/rss+xml" title="{$show/title}" href="{$show/feed/@url}"/>
      <link rel="icon" href="{$root}{$show/image/@src}"/>
      <meta property="og:type" content="website"/>
      <meta property="og:site_name" content="{$show/title}"/>
      <meta property="og:title" content="{$title}"/>
      <meta property="og:description" content="{$description}"/>
      <meta property="og:image" content="{$image/@url}"/>
      <xsl:if test="$url"><meta property="og:url" content="{$url}"/></xsl:if>
      <xsl:if test="$audio">
        <meta property="og:audio" content="{$audio/@url}"/>
        <meta property="og:audio:type" content="{$audio/@type}"/>
      </xsl:if>
      <meta name="twitter:card" content="summary"/>
      <meta name="twitter:title" content="{$title}"/>
      <meta name="twitter:description" content="{$description}"/>
      <meta name="twitter:image" content="{$image/@url}"/>
    </head>
  </xsl:template>

  <xsl:template match="show" mode="index">
    <html lang="{$lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title" select="title"/>
        <xsl:with-param name="description" select="description"/>
        <xsl:with-param name="url" select="''"/>
      </xsl:call-template>
      <body>
        <header class="show">
          <img class="art" src="{image/@src}" alt="" width="240" height="240"/>
          <div>
            <h1><xsl:value-of select="title"/></h1>
            <p class="author"><xsl:value-of select="author"/></p>
            <p><xsl:value-of select="description"/></p>
          </div>
        </header>
        <main>
          <xsl:call-template name="subscribe"/>
          <section aria-labelledby="episodes">
            <h2 id="episodes"><xsl:call-template name="word"><xsl:with-param name="key" select="'episodes'"/></xsl:call-template></h2>
            <ol class="episodes">
              <xsl:for-each select="episode">
                <li>
                  <article aria-labelledby="ep-{@slug}">
                    <h3 id="ep-{@slug}"><a href="{@slug}/"><xsl:value-of select="title"/></a></h3>
                    <xsl:call-template name="facts"/>
                    <p class="summary"><xsl:value-of select="substring-before(concat(summary, '&#10;'), '&#10;')"/></p>
                    <xsl:call-template name="player"/>
                  </article>
                </li>
              </xsl:for-each>
            </ol>
          </section>
        </main>
        <xsl:call-template name="footer"/>
        <xsl:call-template name="script"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="episode" mode="page">
    <!-- The episode's own art, else the show's. -->
    <xsl:variable name="art" select="(image | $show/image[not(current()/image)])[1]"/>
    <html lang="{$lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title" select="concat(title, ' – ', $show/title)"/>
        <xsl:with-param name="description" select="substring-before(concat(summary, '&#10;'), '&#10;')"/>
        <xsl:with-param name="url" select="@url"/>
        <xsl:with-param name="audio" select="audio"/>
        <xsl:with-param name="image" select="$art"/>
      </xsl:call-template>
      <body>
        <nav class="crumbs" aria-label="{$show/title}">
          <a href="../"><xsl:value-of select="$show/title"/></a>
        </nav>
        <main>
          <article class="episode">
            <header class="show">
              <img class="art" src="../{$art/@src}" alt="{$show/title}" width="240" height="240"/>
              <div>
                <h1><xsl:value-of select="title"/></h1>
                <xsl:call-template name="facts"/>
              </div>
            </header>
            <xsl:call-template name="player"/>
            <xsl:if test="chapter">
              <!-- Media fragments: without scripting a link plays the audio
                   from that time; the script seeks the player instead. -->
              <section aria-labelledby="chapters">
                <h2 id="chapters"><xsl:call-template name="word"><xsl:with-param name="key" select="'chapters'"/></xsl:call-template></h2>
                <ol class="chapters">
                  <xsl:for-each select="chapter">
                    <li>
                      <a href="{$root}{../audio/@src}#t={@start}" data-start="{@start}"><time datetime="PT{@start}S"><xsl:value-of select="@time"/></time></a>
                      <xsl:text> </xsl:text>
                      <xsl:value-of select="."/>
                    </li>
                  </xsl:for-each>
                </ol>
              </section>
            </xsl:if>
            <div class="notes"><xsl:copy-of select="notes/node()"/></div>
            <xsl:call-template name="transcript"/>
            <xsl:if test="person">
              <section aria-labelledby="persons">
                <h2 id="persons"><xsl:call-template name="word"><xsl:with-param name="key" select="'persons'"/></xsl:call-template></h2>
                <ul class="persons">
                  <xsl:for-each select="person">
                    <li>
                      <xsl:choose>
                        <xsl:when test="@href"><a href="{@href}"><xsl:value-of select="."/></a></xsl:when>
                        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                      </xsl:choose>
                      <xsl:text>, </xsl:text>
                      <span class="role"><xsl:call-template name="word"><xsl:with-param name="key" select="@role"/></xsl:call-template></span>
                    </li>
                  </xsl:for-each>
                </ul>
              </section>
            </xsl:if>
          </article>
          <p><a href="../"><xsl:call-template name="word"><xsl:with-param name="key" select="'all'"/></xsl:call-template></a></p>
        </main>
        <xsl:call-template name="footer"/>
        <xsl:call-template name="script"/>
      </body>
    </html>
  </xsl:template>

  <!-- Date, duration and number of the current episode. -->
  <xsl:template name="facts">
    <p class="facts">
      <time datetime="{date/@iso}"><xsl:value-of select="date"/></time>
      <xsl:text> · </xsl:text>
      <span>
        <xsl:call-template name="word"><xsl:with-param name="key" select="'duration'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <time datetime="{duration/@iso}"><xsl:value-of select="duration"/></time>
      </span>
      <xsl:if test="@number">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="word"><xsl:with-param name="key" select="'episode'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="@number"/>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- The native player: nothing loads until the listener presses play. -->
  <xsl:template name="player">
    <xsl:variable name="label">
      <xsl:call-template name="word"><xsl:with-param name="key" select="'play'"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="title"/>
    </xsl:variable>
    <audio controls="" preload="none" src="{$root}{audio/@src}" aria-label="{$label}">
      <a href="{$root}{audio/@src}"><xsl:call-template name="word"><xsl:with-param name="key" select="'download'"/></xsl:call-template></a>
    </audio>
  </xsl:template>

  <!-- The episode's transcript, folded: the one in the show's language (or
       the first) as text, every file as a link. -->
  <xsl:template name="transcript">
    <xsl:if test="transcript">
      <xsl:variable name="own" select="transcript[@lang = $lang]"/>
      <xsl:variable name="shown" select="($own | transcript[not($own)])[1]"/>
      <section aria-labelledby="transcript">
        <h2 id="transcript"><xsl:call-template name="word"><xsl:with-param name="key" select="'transcript'"/></xsl:call-template></h2>
        <details class="transcript" lang="{$shown/@lang}">
          <summary><xsl:call-template name="word"><xsl:with-param name="key" select="'show-transcript'"/></xsl:call-template></summary>
          <xsl:for-each select="$shown/cue">
            <p><span class="at"><xsl:value-of select="@start"/></span><xsl:text> </xsl:text><xsl:value-of select="."/></p>
          </xsl:for-each>
        </details>
        <ul class="files">
          <xsl:for-each select="transcript">
            <li><a href="{$root}{@src}" type="{@type}" hreflang="{@lang}"><xsl:value-of select="concat(@format, ' (', @lang, ')')"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The feed's address to copy into any app, and the directories. -->
  <xsl:template name="subscribe">
    <section class="subscribe" aria-labelledby="subscribe">
      <h2 id="subscribe"><xsl:call-template name="word"><xsl:with-param name="key" select="'subscribe'"/></xsl:call-template></h2>
      <xsl:if test="subscribe/service">
        <ul class="directories">
          <xsl:for-each select="subscribe/service">
            <li><a href="{@url}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <p class="feed">
        <label for="feed-url"><xsl:call-template name="word"><xsl:with-param name="key" select="'feed'"/></xsl:call-template></label>
        <xsl:variable name="copy">
          <xsl:call-template name="word"><xsl:with-param name="key" select="'copy'"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="copied">
          <xsl:call-template name="word"><xsl:with-param name="key" select="'copied'"/></xsl:call-template>
        </xsl:variable>
        <!-- The script adds the copy button: without scripting the address is
             there to select, and no button that does nothing. -->
        <input id="feed-url" type="url" readonly="" value="{feed/@url}" data-copy="{$copy}" data-done="{$copied}"/>
        <span id="copy-status" role="status"></span>
      </p>
    </section>
  </xsl:template>

  <xsl:template name="footer">
    <footer>
      <xsl:if test="$show/copyright"><p><xsl:value-of select="$show/copyright"/></p></xsl:if>
      <p><a href="{$show/feed/@url}">RSS</a></p>
    </footer>
  </xsl:template>

  <!-- The copy button works with scripting on; without it the address is
       there to select. A chapter link seeks the page's player rather than
       leaving the page. A few lines, inline: no file from elsewhere. -->
  <xsl:template name="script">
    <script>
      <xsl:text>(function () {
  var player = document.querySelector('audio');
  document.querySelectorAll('a[data-start]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      if (!player) return;
      event.preventDefault();
      player.currentTime = Number(link.getAttribute('data-start'));
      player.play().catch(function () {});
    });
  });
})();
(function () {
  var field = document.getElementById('feed-url');
  var status = document.getElementById('copy-status');
  if (!field || !status || !navigator.clipboard) return;
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = field.getAttribute('data-copy');
  field.parentNode.insertBefore(button, status);
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = field.getAttribute('data-done');
    }, function () { field.select(); });
  });
})();
</xsl:text>
    </script>
  </xsl:template>
</xsl:stylesheet>
