import { UploadResponse } from '@fatafat/contracts/inventory';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { authFirst, MAX_IMAGE_BYTES, singleFile } from './multipart';
import { storeImage } from './uploads.service';

export function registerUploadRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'post',
      path: '/admin/uploads',
      summary: 'Upload an image (JPEG, PNG, WebP or AVIF up to 5 MB); stored as WebP in 200/400/800 px widths',
      tag: 'uploads',
      auth: 'admin',
      errors: [415],
      bodyContentType: 'multipart/form-data',
      before: [authFirst('admin'), singleFile('file', MAX_IMAGE_BYTES)],
      response: UploadResponse,
      status: 201,
      // The stored image itself is the new resource.
      location: (result) => (result as UploadResponse).url,
    },
    ({ req, user }) => storeImage(deps.db, deps.storage, user.id, req.file),
  );
}
