// Stands in for Node's `punycode`, which tr46 (under the Kubernetes client's node-fetch) requires
// and which prints a deprecation warning on every run from Node 21 on: tr46 converts one label at
// a time, which is what Node's own IDNA functions do for a one-label domain.
const { domainToASCII, domainToUnicode } = require('node:url');

module.exports = {
  toASCII: (label) => domainToASCII(label) || label,
  toUnicode: (label) => domainToUnicode(label) || label,
};
