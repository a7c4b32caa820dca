import { useCart } from '../hooks/use-cart';
import { CartButtonView } from './CartButtonView';

/** The header's cart button with the live count and total (guest cart or the server's). */
export function CartButton() {
  const { count, itemTotal } = useCart();
  return <CartButtonView count={count} itemTotal={itemTotal} />;
}
