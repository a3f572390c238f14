//! Work split over the machine's cores in contiguous runs, results joined in order, so
//! that what mining and de-duplication compute never depends on the number of threads.

#[cfg(test)]
thread_local! {
    /// Tests choose how many threads share the work, to show it does not matter.
    pub(crate) static THREADS: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// How many threads share a job of `items` items: the machine's cores, at most 8.
pub(crate) fn workers(items: usize) -> usize {
    #[cfg(test)]
    if let Some(n) = THREADS.with(|t| t.get()) {
        return n.clamp(1, items.max(1));
    }
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.max(1))
}

/// Runs `f(chunk, offset of its first item)` over contiguous chunks of `items`, one per
/// worker thread; the results come back in order.
pub(crate) fn par_chunks<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&[T], usize) -> R + Sync,
) -> Vec<R> {
    let threads = workers(items.len());
    if threads <= 1 {
        return vec![f(items, 0)];
    }
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(i, c)| scope.spawn(move || f(c, i * chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}
