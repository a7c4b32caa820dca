import NotFoundView from './not-found-view';

export function Component() {
  return <NotFoundView />;
}
