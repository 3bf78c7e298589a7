// Every call of the console goes through here: the same REST endpoints a client uses, so the same
// validations apply. Failures become ApiError carrying the problem document's `detail`.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Calls the API; `accept` lists non-2xx statuses whose JSON body is still an answer (health's 503). */
export async function api(method, path, body, accept = []) {
  const headers = {'Accept': 'application/json', 'X-Requested-With': 'spillway-console'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new ApiError(0, `the service did not answer (${e.message}): is it running?`);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
  if (response.ok || accept.includes(response.status)) return json;
  if (response.status === 401) window.dispatchEvent(new CustomEvent('spillway:sign-in-needed'));
  const detail = json && (json.detail || json.title) || `${method} ${path} answered ${response.status}`;
  throw new ApiError(response.status, detail);
}

export const get = (path, accept) => api('GET', path, undefined, accept);
export const post = (path, body) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
export const q = encodeURIComponent;
