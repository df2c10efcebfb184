/** Text formats shared by readers and writers across crosspt (CSV). */
package dev.crosspt.io;
