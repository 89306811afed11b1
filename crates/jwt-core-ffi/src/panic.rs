//! The panic handler a bare-metal C image needs to link: the core never panics (clippy denies
//! every panicking construct in it and the fuzz targets hold it to that), but `core` requires
//! the symbol. Should one ever run, it parks the core instead of returning into corrupt state.

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {
        core::hint::spin_loop();
    }
}
