import { useEffect, useRef } from 'react';
import { notify } from '@/lib/notify';
import { useCurrentUser } from '@/features/auth/api/auth.api';
import { useMergeCartMutation } from '@/features/cart/api/cart.api';
import { guestCartCleared, selectGuestItems } from '@/features/cart/cart.slice';
import { useAppDispatch, useAppSelector } from './hooks';

/**
 * Composes two features at the app layer: when someone logs in with items in the guest cart, those items
 * are merged into their server cart (POST /api/cart/merge) and the device's copy is dropped.
 */
export function SessionSync() {
  const dispatch = useAppDispatch();
  const { user } = useCurrentUser();
  const guestItems = useAppSelector(selectGuestItems);
  const [merge] = useMergeCartMutation();
  const merging = useRef(false);

  useEffect(() => {
    if (!user || guestItems.length === 0 || merging.current) return;
    merging.current = true;
    const items = guestItems.map(({ variantId, quantity }) => ({ variantId, quantity }));
    merge({ items })
      .unwrap()
      .then(() => dispatch(guestCartCleared()))
      .catch(() =>
        notify.error('We could not move your cart to your account. Your items are still saved here.'),
      )
      .finally(() => {
        merging.current = false;
      });
  }, [user, guestItems, merge, dispatch]);

  return null;
}
