echo a \ # || b
