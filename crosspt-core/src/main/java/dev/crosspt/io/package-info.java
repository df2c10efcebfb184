/** Text formats shared by readers and writers across crosspt (CSV), and recursive deletion of directories. */
package dev.crosspt.io;
