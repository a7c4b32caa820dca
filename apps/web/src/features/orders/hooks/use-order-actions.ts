import { useNavigate } from 'react-router';
import { notify } from '@/lib/notify';
import { useAppDispatch } from '@/app/hooks';
import { errorMessage } from '@/lib/api';
import { confirmDestructive } from '@/lib/confirm';
import { drawerOpened } from '@/features/cart/cart.slice';
import { useCancelOrderMutation, useReorderMutation } from '../api/orders.api';
import type { Order } from '../types';

/** Cancel (after a confirmation) and reorder, with the feedback both need. */
export function useOrderActions() {
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const [cancel, { isLoading: cancelling }] = useCancelOrderMutation();
  const [reorder, { isLoading: reordering }] = useReorderMutation();

  async function cancelOrder(order: Pick<Order, 'id' | 'number'>) {
    const confirmed = await confirmDestructive({
      title: `Cancel order #${order.number}?`,
      text: 'The store will stop preparing it. This cannot be undone.',
      confirmText: 'Yes, cancel order',
    });
    if (!confirmed) return;
    try {
      await cancel({ id: order.id }).unwrap();
      notify.success('Your order is cancelled');
    } catch (error) {
      notify.error(errorMessage(error, 'This order can no longer be cancelled.'));
    }
  }

  async function reorderOrder(id: string) {
    try {
      const result = await reorder(id).unwrap();
      const missing = result.unavailable ?? [];
      if (result.added.length === 0) {
        notify.error('None of these items are available right now.');
        return;
      }
      if (missing.length > 0) {
        notify.info(
          `${missing.map((line) => line.name).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available right now.`,
          {
            icon: 'ℹ️',
            duration: 5000,
          },
        );
      }
      notify.success('Items added to your cart');
      navigate('/');
      dispatch(drawerOpened());
    } catch (error) {
      notify.error(errorMessage(error, 'Could not reorder.'));
    }
  }

  return { cancelOrder, reorderOrder, cancelling, reordering };
}
