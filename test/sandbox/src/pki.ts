import { generateKeyPairSync, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";

export const ADMIN_USER = "sandbox-admin";
export const RESTRICTED_USER = "sandbox-restricted";
export const RESTRICTED_GROUP = "sandbox:restricted";

export interface Credentials {
  adminToken: string;
  restrictedToken: string;
  tokenFile: string;
  serviceAccountKeyFile: string;
}

/**
 * Writes the service-account signing key (RSA 2048, PKCS#1 PEM as openssl genrsa would)
 * and a static token file: an admin in system:masters and a restricted user whose rights
 * come only from the RBAC objects the sandbox creates.
 */
export function writeCredentials(dir: string): Credentials {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const serviceAccountKeyFile = path.join(dir, "sa.key");
  writeFileSync(serviceAccountKeyFile, privateKey, { mode: 0o600 });

  const adminToken = randomBytes(24).toString("hex");
  const restrictedToken = randomBytes(24).toString("hex");
  const tokenFile = path.join(dir, "tokens.csv");
  // token,user,uid,"group1,group2"
  writeFileSync(
    tokenFile,
    `${adminToken},${ADMIN_USER},uid-admin,"system:masters"\n` +
      `${restrictedToken},${RESTRICTED_USER},uid-restricted,"${RESTRICTED_GROUP}"\n`,
    { mode: 0o600 },
  );
  return { adminToken, restrictedToken, tokenFile, serviceAccountKeyFile };
}
