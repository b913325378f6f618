// An independent check of a Threadlift credential with Digital Bazaar's verifier, offline.
//
//   node verify.mjs --credential C.json --did DID.json --contexts CONTEXTS.json \
//        [--status LIST.json ...] [--now 2026-12-01T12:00:00Z]
//
// CONTEXTS.json maps JSON-LD context URLs to their documents (the test writes it from the Python
// library's bundled copies); the DID document and the status list credentials are given as files.
// Any other URL fails: nothing is fetched from the network. Prints a JSON verdict; exit 0 = valid.
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {securityLoader} from '@digitalbazaar/security-document-loader';

const args = {status: []};
for(let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  const value = process.argv[i + 1];
  if(key === 'status') {
    args.status.push(value);
  } else {
    args[key] = value;
  }
}
const read = path => JSON.parse(readFileSync(path, 'utf8'));
const credential = read(args.credential);
const didDocument = read(args.did);
const contexts = args.contexts ? read(args.contexts) : {};
const lists = Object.fromEntries(args.status.map(path => {
  const list = read(path);
  return [list.id, list];
}));

const base = securityLoader().build();
async function documentLoader(url) {
  if(Object.hasOwn(contexts, url)) {
    return {contextUrl: null, documentUrl: url, document: contexts[url]};
  }
  if(url.startsWith('did:')) {
    const [did, fragment] = url.split('#');
    if(did !== didDocument.id) {
      throw new Error(`Unknown DID ${did}`);
    }
    if(!fragment) {
      return {contextUrl: null, documentUrl: url, document: didDocument};
    }
    const method = didDocument.verificationMethod.find(m => m.id === url);
    if(!method) {
      throw new Error(`Unknown verification method ${url}`);
    }
    return {
      contextUrl: null, documentUrl: url,
      document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}
    };
  }
  if(Object.hasOwn(lists, url)) {
    return {contextUrl: null, documentUrl: url, document: lists[url]};
  }
  return base(url); // the library's own static contexts; throws for anything else
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

function bit(list, index) {
  const encoded = list.credentialSubject.encodedList;
  if(!encoded.startsWith('u')) {
    throw new Error('encodedList is not multibase base64url');
  }
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  if(bits.length * 8 < 131072) {
    throw new Error('status list shorter than 131,072 bits');
  }
  return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
}

async function checkStatus({credential}) {
  const entries = [credential.credentialStatus].flat().filter(Boolean);
  for(const entry of entries) {
    const list = lists[entry.statusListCredential];
    if(!list) {
      return {verified: false, error: new Error(`no status list ${entry.statusListCredential}`)};
    }
    const listResult = await vc.verifyCredential({credential: list, suite, documentLoader, now: args.now});
    if(!listResult.verified) {
      return {verified: false, error: new Error('the status list credential does not verify')};
    }
    if(list.credentialSubject.statusPurpose !== entry.statusPurpose) {
      return {verified: false, error: new Error('status purpose mismatch')};
    }
    if(bit(list, Number(entry.statusListIndex))) {
      return {verified: false, error: new Error(`credential status set: ${entry.statusPurpose}`)};
    }
  }
  return {verified: true};
}

let result;
try {
  result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus, now: args.now});
} catch(error) {
  result = {verified: false, error};
}
const errors = [];
const collect = e => {
  if(!e) {
    return;
  }
  for(const one of [e].flat()) {
    errors.push(String(one.message || one));
    if(one.errors) {
      collect(one.errors);
    }
  }
};
collect(result.error);
for(const r of result.results || []) {
  collect(r.error);
}
if(result.statusResult && !result.statusResult.verified) {
  collect(result.statusResult.error);
}
console.log(JSON.stringify({verified: Boolean(result.verified), errors}));
process.exit(result.verified ? 0 : 1);
