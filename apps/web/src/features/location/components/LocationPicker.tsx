import { useState, type FormEvent } from 'react';
import { FiCrosshair, FiMapPin, FiHome, FiBriefcase } from 'react-icons/fi';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import { Sheet } from '@/components/ui/Sheet';
import { Button } from '@/components/ui/Button';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { useCurrentUser } from '@/features/auth/api/auth.api';
import { useGetAddressesQuery } from '@/features/addresses/api/addresses.api';
import { addressLine, type Address } from '@/features/addresses/types';
import { useLazyCheckServiceabilityQuery } from '../api/location.api';
import { locationChosen, pickerClosed, selectLocation, selectPickerOpen } from '../location.slice';
import { toLocation } from '../serviceability';
import type { DeliveryLocation } from '../types';

function getPosition(): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('Your browser cannot share its location. Enter your pincode instead.'));
      return;
    }
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: false, timeout: 10_000 });
  });
}

/** Choose where to deliver: detect location, type a pincode, or pick a saved address. */
export function LocationPicker() {
  const dispatch = useAppDispatch();
  const open = useAppSelector(selectPickerOpen);
  const current = useAppSelector(selectLocation);
  const { user } = useCurrentUser();
  const { data: addresses } = useGetAddressesQuery(undefined, { skip: !user || !open });
  const [check, { isFetching }] = useLazyCheckServiceabilityQuery();
  const [pincode, setPincode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [detecting, setDetecting] = useState(false);
  const [unserved, setUnserved] = useState<string | null>(null);

  function choose(location: DeliveryLocation) {
    if (!location.serviceable) {
      setUnserved(location.pincode ?? location.label);
    } else {
      setUnserved(null);
    }
    // An unserved choice is still remembered, so the header can explain why nothing can be ordered.
    dispatch(locationChosen(location));
  }

  async function onPincode(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!/^\d{6}$/.test(pincode)) {
      setError('Enter a 6-digit pincode');
      return;
    }
    try {
      const result = await check({ pincode }, true).unwrap();
      choose(toLocation(pincode, result, { pincode }));
    } catch (err) {
      setError(errorMessage(err, 'Could not check this pincode.'));
    }
  }

  async function onDetect() {
    setError(null);
    setDetecting(true);
    try {
      const position = await getPosition();
      const lat = Number(position.coords.latitude.toFixed(5));
      const lng = Number(position.coords.longitude.toFixed(5));
      const result = await check({ lat, lng }, true).unwrap();
      choose(toLocation('Current location', result, { lat, lng }));
    } catch (err) {
      setError(
        err instanceof GeolocationPositionError
          ? 'We could not get your location. Allow location access or enter your pincode.'
          : err instanceof Error
            ? err.message
            : errorMessage(err),
      );
    } finally {
      setDetecting(false);
    }
  }

  async function onAddress(address: Address) {
    setError(null);
    try {
      const where =
        address.lat != null && address.lng != null
          ? { lat: address.lat, lng: address.lng }
          : { pincode: address.pincode };
      const result = await check(where, true).unwrap();
      const label = `${address.label[0]!.toUpperCase()}${address.label.slice(1)} · ${address.line1}`;
      choose(toLocation(label, result, { pincode: address.pincode, addressId: address.id, lat: address.lat ?? undefined, lng: address.lng ?? undefined }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const close = () => {
    setUnserved(null);
    setError(null);
    dispatch(pickerClosed());
  };

  return (
    <Sheet open={open} onClose={close} title="Change location" placement="bottom">
      <div className="flex flex-col gap-5 p-4 pb-6">
        {unserved && (
          <div
            role="alert"
            className="flex items-center gap-3 rounded-[var(--radius-card)] bg-brand-soft p-3"
          >
            <UnservedIllustration />
            <div>
              <p className="font-bold">We're not in {unserved} yet</p>
              <p className="mt-0.5 text-sm text-muted">
                Our riders don't reach this area today. Try another pincode — we're growing fast.
              </p>
            </div>
          </div>
        )}
        <Button variant="primary" onClick={onDetect} loading={detecting} className="w-full sm:w-auto">
          {!detecting && <FiCrosshair aria-hidden="true" />}
          Detect my location
        </Button>
        <div className="flex items-center gap-3 text-xs font-semibold text-muted uppercase">
          <span className="h-px flex-1 bg-line" /> or <span className="h-px flex-1 bg-line" />
        </div>
        <form onSubmit={onPincode} className="flex items-start gap-2" noValidate>
          <div className="flex-1">
            <label htmlFor="pincode" className="sr-only">
              Pincode
            </label>
            <input
              id="pincode"
              inputMode="numeric"
              autoComplete="postal-code"
              maxLength={6}
              placeholder="Enter your 6-digit pincode"
              value={pincode}
              onChange={(event) => setPincode(event.target.value.replace(/\D/g, ''))}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'location-error' : undefined}
              className="h-11 w-full rounded-[var(--radius-control)] border border-line px-3 text-[15px] outline-none focus:border-action"
            />
          </div>
          <Button type="submit" variant="dark" loading={isFetching && !detecting}>
            Check
          </Button>
        </form>
        {error && (
          <p id="location-error" role="alert" className="-mt-3 text-sm font-medium text-danger">
            {error}
          </p>
        )}
        {current && !unserved && (
          <p className="-mt-2 text-sm text-muted">
            Delivering to <span className="font-semibold text-ink">{current.label}</span>
            {current.storeName ? ` from ${current.storeName}` : ''}
          </p>
        )}
        {user && addresses && addresses.length > 0 && (
          <section aria-labelledby="saved-addresses">
            <h3 id="saved-addresses" className="mb-2 text-sm font-bold">
              Your saved addresses
            </h3>
            <ul className="flex flex-col gap-2">
              {addresses.map((address) => {
                const Icon =
                  address.label === 'home' ? FiHome : address.label === 'work' ? FiBriefcase : FiMapPin;
                return (
                  <li key={address.id}>
                    <button
                      type="button"
                      onClick={() => onAddress(address)}
                      className={cn(
                        'flex w-full items-start gap-3 rounded-[var(--radius-card)] border p-3 text-left hover:bg-surface',
                        current?.addressId === address.id ? 'border-action bg-action-soft/50' : 'border-line',
                      )}
                    >
                      <Icon className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden="true" />
                      <span className="min-w-0">
                        <span className="block text-sm font-semibold capitalize">{address.label}</span>
                        <span className="block truncate text-[13px] text-muted">{addressLine(address)}</span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        {isFetching && !detecting && (
          <span className="sr-only" role="status">
            <Spinner /> Checking…
          </span>
        )}
      </div>
    </Sheet>
  );
}

function UnservedIllustration() {
  return (
    <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" className="shrink-0">
      <circle cx="28" cy="28" r="26" fill="#fff" />
      <path d="M28 12a11 11 0 0 0-11 11c0 8.3 11 20 11 20s11-11.7 11-20a11 11 0 0 0-11-11Z" fill="#F9C22E" />
      <circle cx="28" cy="23" r="4.5" fill="#1C1C1C" />
      <path d="M14 46h28" stroke="#1C1C1C" strokeWidth="2.5" strokeLinecap="round" strokeDasharray="2 5" />
    </svg>
  );
}
