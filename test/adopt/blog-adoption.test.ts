import * as path from 'path';
import { adoptManifests, formatReport } from '../../src/adopt/adopt';
import { readManifestFiles } from '../../src/adopt/reader';

const BLOG = path.join(__dirname, '..', 'fixtures', 'gloo-canary-example');

function adoptBlog(...files: string[]) {
  const read = readManifestFiles(files, BLOG);
  return adoptManifests(read);
}

test('debug', () => {
  const r = adoptBlog('coalmine-virtual-service-part-2-header.yaml', 'default-petstore-v1-8080-upstream.yaml', 'petstore-v1.yaml', 'petstore-v2.yaml');
  console.log(r.code);
  console.log(formatReport(r.report));
});
