// Stands in for `whatwg-url`, which node-fetch (under the Kubernetes client) requires only as a
// fallback: it uses `require('url').URL || whatwgUrl.URL`, and Node always has the first. The real
// package brings tr46's Unicode table (0.28 MB of the cluster part, parsed at every start).
module.exports = { URL: require('node:url').URL, URLSearchParams: require('node:url').URLSearchParams };
