import type { LoginBody, RegisterBody, User as ContractUser } from '@fatafat/contracts/users';

export type User = ContractUser;
export type LoginInput = LoginBody;
export type RegisterInput = RegisterBody;
