// Runs @20minutes/s3rver for the tests: HTTPS on 127.0.0.1 only, one bucket,
// one generated key pair, SigV4 checked. servers.sh starts it as
//   node s3rver.js MODULE_DIR CONFIG_JSON
// where CONFIG_JSON has port, directory, bucket, accessKeyId,
// secretAccessKey, cert and key (file names).
//
// Two things s3rver does not do by itself, done here:
// - its built-in key pair S3RVER/S3RVER is revoked, so only ours signs;
// - a request with no signature at all is refused with 403 AccessDenied, as
//   a private bucket does (s3rver lets anonymous requests through).
'use strict'
const fs = require('node:fs')
const https = require('node:https')
const path = require('node:path')

const [moduleDir, configFile] = process.argv.slice(2)
const cfg = JSON.parse(fs.readFileSync(configFile, 'utf8'))
const S3rver = require(path.join(moduleDir, '@20minutes/s3rver'))
const AWSAccount = require(path.join(moduleDir, '@20minutes/s3rver/lib/models/account'))

AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER')
AWSAccount.DUMMY_ACCOUNT.createKeyPair(cfg.accessKeyId, cfg.secretAccessKey)

const app = new S3rver({
  address: '127.0.0.1',
  port: cfg.port,
  directory: cfg.directory,
  silent: false,
  configureBuckets: [{ name: cfg.bucket, configs: [] }],
})
const handle = app.callback()

function signed(req) {
  if (req.headers.authorization) return true
  const q = req.url.indexOf('?')
  return q >= 0 && /(^|&)(X-Amz-Algorithm|Signature)=/.test(req.url.slice(q + 1))
}

const denied =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>' +
  '<Message>Access Denied: the request is not signed</Message></Error>'

app
  .configureBuckets()
  .then(() => {
    const server = https.createServer(
      { cert: fs.readFileSync(cfg.cert), key: fs.readFileSync(cfg.key) },
      (req, res) => {
        if (signed(req)) return handle(req, res)
        res.writeHead(403, { 'Content-Type': 'application/xml' })
        res.end(denied)
      }
    )
    server.listen(cfg.port, '127.0.0.1', () => {
      console.log(`s3rver: listening on https://127.0.0.1:${server.address().port}/`)
    })
    server.on('error', (err) => {
      console.error(`s3rver: ${err.message}`)
      process.exit(1)
    })
    // Stop at once: an upload cut here is what a dead server does anyway.
    process.on('SIGTERM', () => process.exit(0))
    process.on('SIGINT', () => process.exit(0))
  })
  .catch((err) => {
    console.error(`s3rver: ${err.message}`)
    process.exit(1)
  })
