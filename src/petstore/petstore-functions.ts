import { RestFunction } from '../gloo/upstream';

/**
 * The four REST functions of the go-swagger petstore, as Gloo's function discovery lists them
 * (method, path, header and body templates of the blog's `default-petstore-v1-8080` Upstream).
 *
 * GET calls clear `content-type`, `transfer-encoding` and the body, and send `content-length: 0`,
 * as discovery does.
 */
export const PETSTORE_FUNCTIONS: { [name: string]: RestFunction } = {
  addPet: {
    method: 'POST',
    path: '/api/pets',
    headers: { 'content-type': 'application/json' },
    body: '{"id": {{ default(id, "") }},"name": "{{ default(name, "")}}","tag": "{{ default(tag, "")}}"}',
  },
  deletePet: {
    method: 'DELETE',
    path: '/api/pets/{{ default(id, "") }}',
    headers: { 'content-type': 'application/json' },
  },
  findPetById: {
    method: 'GET',
    path: '/api/pets/{{ default(id, "") }}',
    headers: { 'content-length': '0', 'content-type': '', 'transfer-encoding': '' },
    body: '',
  },
  findPets: {
    method: 'GET',
    path: '/api/pets?tags={{default(tags, "")}}&limit={{default(limit, "")}}',
    headers: { 'content-length': '0', 'content-type': '', 'transfer-encoding': '' },
    body: '',
  },
};
