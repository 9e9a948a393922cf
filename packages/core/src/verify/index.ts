// `kubectl clone verify`: do a clone and its source hold the same files? Helper pods walk both
// volumes; the comparison is a pure function of the two walks.
export { runVerify, VerifyError, type VerifyRequest, type VerifyClients, type VerifyOutcome, type VerifyIO, type ClaimRef } from './run.js';
export { compareManifests, compareDevices, type Comparison, type Difference } from './compare.js';
export { parseManifest, parseBlockLine, walkScript, blockScript, ManifestParseError, type ManifestEntry, type EntryType } from './manifest.js';
export { countedText, differenceText, differencesByPath, differenceCount, pathText, inUseText } from './texts.js';
