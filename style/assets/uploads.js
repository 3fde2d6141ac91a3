// The photo step of a request (app/src/requests/pages/files.rs), made better where JavaScript runs:
// photos are scaled down in the browser (long side at most 2048 px) before they are sent, each file goes
// on its own with a preview and a progress bar, then the page reloads to show the list the server keeps
// (or, on a form marked data-stay, the page's own list is handed each file and nothing reloads).
// Without this script the same form posts the files as they are; the server checks and cleans them
// either way. Words come from the form's data- attributes, in the page's language.
(() => {
  document.documentElement.classList.add('js-uploads');
  if (window.portalUploads) return window.portalUploads.pending();

  const LONG_SIDE = 2048;
  const PHOTO = /^image\/(jpeg|png|webp)$/;

  // A JPEG of at most LONG_SIDE pixels, or the file itself when the browser cannot read it (the server
  // then gives the reason, e.g. a program renamed .jpg).
  async function scaled(file) {
    if (!PHOTO.test(file.type) || !window.createImageBitmap) return file;
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      const ratio = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * ratio);
      canvas.height = Math.round(bitmap.height * ratio);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((done) => canvas.toBlob(done, 'image/jpeg', 0.85));
      return blob ? new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' }) : file;
    } catch {
      return file;
    }
  }

  // Sends one file; resolves to { added } (the server's JSON list of the file kept), or { refused } (its
  // reason for refusing it).
  function send(form, file, progress) {
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.setRequestHeader('Accept', 'application/json');
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) progress.value = event.loaded / event.total;
      };
      request.onload = () => {
        if (request.status < 300) return resolve({ added: request.responseText });
        try {
          resolve({ refused: JSON.parse(request.responseText).problem || 'upload-failed' });
        } catch {
          resolve({ refused: 'upload-failed' });
        }
      };
      request.onerror = () => resolve({ refused: 'upload-failed' });
      const data = new FormData();
      data.append('file', file, file.name);
      request.send(data);
    });
  }

  function row(form, file) {
    const item = document.createElement('div');
    item.className = 'upload-row';
    if (PHOTO.test(file.type)) {
      const preview = document.createElement('img');
      preview.alt = '';
      preview.src = URL.createObjectURL(file);
      item.append(preview);
    }
    const label = document.createElement('span');
    label.textContent = form.dataset.uploading.replace('{name}', file.name);
    const progress = document.createElement('progress');
    progress.max = 1;
    progress.value = 0;
    progress.setAttribute('aria-label', label.textContent);
    item.append(label, progress);
    form.querySelector('[data-upload-status]').append(item);
    return { label, progress };
  }

  async function upload(input) {
    const form = input.closest && input.closest('form[data-uploads]');
    if (!form || input.type !== 'file' || !input.files.length || input.disabled || form.busy) return;
    const files = [...input.files];
    // On a data-stay form the page owns `disabled` (it knows when the list is full).
    const stay = form.hasAttribute('data-stay');
    if (stay) form.busy = true;
    else input.disabled = true;
    let refusedFirst = null;
    for (const file of files) {
      const shown = row(form, file);
      const { added, refused } = await send(form, await scaled(file), shown.progress);
      if (refused) {
        refusedFirst = refusedFirst || refused;
        const words = form.querySelector(`[data-upload-problems] [data-code="${refused}"]`);
        shown.label.textContent = form.dataset.failed.replace('{name}', file.name).replace('{problem}', words ? words.textContent : '');
        shown.label.setAttribute('role', 'alert');
      } else if (stay) {
        // The page's own list shows the file (requests/pages/files.rs, FileUploads).
        window.dispatchEvent(new MessageEvent('portal-uploaded', { data: added }));
        shown.label.parentElement.remove();
      }
    }
    if (stay) {
      // What was typed elsewhere on the page stays; the next files can be chosen.
      input.value = '';
      form.busy = false;
      return;
    }
    // The list of files, and any refusal in the error summary, come from the server.
    location.replace(location.pathname + (refusedFirst ? `?problem=${refusedFirst}` : ''));
  }

  // Files chosen before this script arrived (a quick tap on a slow connection) are sent now.
  const pending = () => document.querySelectorAll('form[data-uploads] input[type=file]').forEach(upload);
  window.portalUploads = { pending };
  document.addEventListener('change', (event) => upload(event.target));
  pending();
})();
