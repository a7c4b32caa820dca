// Catalogue shapes come from the shared contract (type-only imports: no Zod reaches the bundle).
import type {
  CategoryListResponse,
  ProductCard,
  ProductDetailResponse,
  ProductImage as ContractProductImage,
  ProductListQuery,
  ProductListResponse,
  ProductSort as ContractProductSort,
  VariantCard,
} from '@fatafat/contracts/catalog';

export type Category = CategoryListResponse['items'][number];
export type Subcategory = Category['subcategories'][number];
export type Variant = VariantCard;
export type ProductSummary = ProductCard;
export type ProductImage = ContractProductImage;
export type ProductDetail = ProductDetailResponse['product'];
export type ProductSort = ContractProductSort;
export type ProductPage = ProductListResponse;

/** The filters the storefront sends; cursor and limit are handled by the paging endpoints. */
export type ProductQuery = Partial<
  Pick<
    ProductListQuery,
    'category' | 'subcategory' | 'q' | 'sort' | 'minPrice' | 'maxPrice' | 'brand' | 'store' | 'limit'
  >
>;
