import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DeliveryLocation } from './types';

export interface LocationState {
  current: DeliveryLocation | null;
  pickerOpen: boolean;
}

const initialState: LocationState = { current: null, pickerOpen: false };

export const locationSlice = createSlice({
  name: 'location',
  initialState,
  reducers: {
    locationChosen(state, action: PayloadAction<DeliveryLocation>) {
      state.current = action.payload;
      // An unserved choice keeps the picker open so it can explain and offer another try.
      if (action.payload.serviceable) state.pickerOpen = false;
    },
    pickerOpened(state) {
      state.pickerOpen = true;
    },
    pickerClosed(state) {
      state.pickerOpen = false;
    },
  },
  selectors: {
    selectLocation: (state) => state.current,
    selectStoreId: (state) => (state.current?.serviceable ? state.current.storeId : undefined),
    selectPickerOpen: (state) => state.pickerOpen,
  },
});

export const { locationChosen, pickerOpened, pickerClosed } = locationSlice.actions;
export const { selectLocation, selectStoreId, selectPickerOpen } = locationSlice.selectors;
