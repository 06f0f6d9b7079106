// Diisi oleh fitur terkait.
